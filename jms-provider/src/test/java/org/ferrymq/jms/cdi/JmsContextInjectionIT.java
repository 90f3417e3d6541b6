package org.ferrymq.jms.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSPasswordCredential;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.JMSSessionMode;
import jakarta.jms.Queue;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.it.TestBroker;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code @Inject JMSContext} in Weld SE against the test broker (embedded FerryMQ, or {@code -Dferrymq.it.amqpUri}).
 * The extension comes from {@code META-INF/services}; the test's beans are added with {@code addBeanClasses}.
 * Named factories come from the test class path's {@code jndi.properties}.
 */
@Timeout(60)
class JmsContextInjectionIT {

    /** A bean as an application writes it: every way to ask for a JMSContext. */
    @Dependent
    public static class Messenger {
        @Inject
        JMSContext byDefault;

        @Inject
        @JMSConnectionFactory("ConnectionFactory")
        JMSContext fromJndi;

        @Inject
        @JMSConnectionFactory("java:comp/env/jms/nowhere")
        JMSContext nowhere;

        @Inject
        @JMSPasswordCredential(userName = "guest", password = "not-the-password")
        JMSContext wrongPassword;

        @Inject
        @JMSConnectionFactory("ConnectionFactory")
        @JMSSessionMode(JMSContext.SESSION_TRANSACTED)
        JMSContext transacted;
    }

    @ApplicationScoped
    public static class Publisher {
        @Inject
        @JMSConnectionFactory("ConnectionFactory")
        JMSContext context;

        public void publish(Queue queue, String text) {
            context.createProducer().send(queue, text);
        }

        /** Fields of a normal-scoped bean are read through a method: the client proxy's own fields are empty. */
        public JMSContext context() {
            return context;
        }
    }

    /** The usual way to get a request in Java SE: one per unit of work. */
    @ApplicationScoped
    public static class Worker {
        @Inject
        @JMSConnectionFactory("ConnectionFactory")
        JMSContext context;

        @Inject
        Messenger helper;

        /** Sends, and tells which real contexts this request used (for the test only). */
        @ActivateRequestContext
        public JMSContext[] sendInARequest(Queue queue, String text) {
            context.createProducer().send(queue, text);
            return new JMSContext[] {real(context), real(helper.fromJndi)};
        }
    }

    private WeldContainer container;

    @BeforeEach
    void startContainer() {
        System.setProperty("ferrymq.it.jndiUri", TestBroker.amqpUri());
        System.setProperty(ConnectionFactories.BROKER_URI_PROPERTY, TestBroker.amqpUri());
        // discovery stays on, so Weld loads the extension from META-INF/services (with disableDiscovery() an
        // application adds it itself: addExtension(new FerryJmsExtension()), as the last test does)
        container = new Weld().addBeanClasses(Messenger.class, Publisher.class, Worker.class).initialize();
    }

    @AfterEach
    void stopContainer() throws Exception {
        if (container != null && container.isRunning()) {
            container.close();
        }
        System.clearProperty(ConnectionFactories.BROKER_URI_PROPERTY);
        TestBroker.cleanUp();
    }

    private static JMSContext real(JMSContext injected) {
        return ((InjectedJmsContext) injected).delegate();
    }

    private static void assertClosed(JMSContext context) {
        assertThrows(IllegalStateRuntimeException.class, context::getMetaData, "closed");
    }

    @Test
    void injectedContextsSendAndReceive() {
        Messenger m = container.select(Messenger.class).get();
        Queue queue = m.byDefault.createQueue(TestBroker.queueName("cdi.basic"));
        JMSConsumer consumer = m.fromJndi.createConsumer(queue);
        m.byDefault.createProducer().send(queue, "hello from CDI");
        assertEquals("hello from CDI", consumer.receiveBody(String.class, 10_000));
    }

    @Test
    void theAnnotationsPickFactoryCredentialsAndSessionMode() {
        Messenger m = container.select(Messenger.class).get();
        assertEquals(InjectionSettings.DEFAULT, ((InjectedJmsContext) m.byDefault).settings());

        // @JMSConnectionFactory: the jndi.properties entry with its settings, or the one where nothing listens
        FerryJmsExtension extension = container.select(FerryJmsExtension.class).get();
        FerryConnectionFactory named = (FerryConnectionFactory) extension.connectionFactories().resolve("ConnectionFactory");
        assertEquals(10, named.getPrefetch(), "connectionFactory.ConnectionFactory.prefetch from jndi.properties");
        assertEquals(TestBroker.amqpUri(), named.getBrokerURI());
        assertThrows(JMSRuntimeException.class, m.nowhere::createProducer, "port 1: nothing listens");

        // @JMSPasswordCredential
        assertThrows(JMSSecurityRuntimeException.class, m.wrongPassword::createProducer);

        // @JMSSessionMode: a local transaction, which Java SE lets the application commit
        assertEquals(JMSContext.SESSION_TRANSACTED, m.transacted.getSessionMode());
        Queue queue = m.byDefault.createQueue(TestBroker.queueName("cdi.tx"));
        JMSConsumer consumer = m.byDefault.createConsumer(queue);
        m.transacted.createProducer().send(queue, "committed later");
        assertNull(consumer.receive(500), "not visible before commit");
        m.transacted.commit();
        assertEquals("committed later", consumer.receiveBody(String.class, 10_000));
    }

    @Test
    void lifeCycleMethodsAreTheContainers() {
        Messenger m = container.select(Messenger.class).get();
        assertThrows(IllegalStateRuntimeException.class, m.byDefault::close);
        assertThrows(IllegalStateRuntimeException.class, m.byDefault::start);
        assertThrows(IllegalStateRuntimeException.class, m.byDefault::stop);
        assertThrows(IllegalStateRuntimeException.class, () -> m.byDefault.setAutoStart(false));
        assertThrows(IllegalStateRuntimeException.class, () -> m.byDefault.setClientID("x"));
        assertThrows(IllegalStateRuntimeException.class, () -> m.byDefault.setExceptionListener(e -> { }));
        assertThrows(IllegalStateRuntimeException.class, m.byDefault::commit, "AUTO_ACKNOWLEDGE: no local tx");
        assertThrows(IllegalStateRuntimeException.class, m.byDefault::acknowledge);
    }

    @Test
    void withoutARequestEachInjectionHasItsOwnContextClosedWithItsBean() {
        Instance<Messenger> messengers = container.select(Messenger.class);
        Messenger a = messengers.get();
        Messenger b = messengers.get();
        JMSContext realA = real(a.fromJndi);
        assertSame(realA, real(a.fromJndi), "one context per injected object");
        assertNotSame(realA, real(b.fromJndi));

        messengers.destroy(a);
        assertClosed(realA);
        assertThrows(IllegalStateRuntimeException.class, a.fromJndi::createProducer, "used after its bean died");
        assertFalse(isClosed(real(b.fromJndi)), "the other bean's context lives on");
    }

    @Test
    void inARequestInjectionsWithTheSameAnnotationsShareOneContextClosedAtTheEnd() {
        RequestContextController request = container.select(RequestContextController.class).get();
        Messenger a = container.select(Messenger.class).get();
        Messenger b = container.select(Messenger.class).get();
        Publisher publisher = container.select(Publisher.class).get();
        Queue queue = a.byDefault.createQueue(TestBroker.queueName("cdi.request"));
        JMSContext outside = real(a.fromJndi);

        request.activate();
        JMSContext shared;
        try {
            shared = real(a.fromJndi);
            assertSame(shared, real(b.fromJndi), "same annotations, same request: same context (12.4.4)");
            assertNotSame(outside, shared);
            assertNotSame(shared, real(a.byDefault), "other annotations: another context");
            assertNotSame(shared, real(a.transacted), "other session mode: another context");
            publisher.publish(queue, "sent in a request");
        } finally {
            request.deactivate();
        }
        assertClosed(shared);
        assertFalse(isClosed(outside), "the bean's own context is not the request's");
        assertEquals("sent in a request", a.fromJndi.createConsumer(queue).receiveBody(String.class, 10_000));
    }

    @Test
    void activateRequestContextGivesEachCallItsOwnSharedContext() {
        Worker worker = container.select(Worker.class).get();
        Messenger receiver = container.select(Messenger.class).get();
        Queue queue = receiver.byDefault.createQueue(TestBroker.queueName("cdi.worker"));
        JMSContext[] first = worker.sendInARequest(queue, "one");
        JMSContext[] second = worker.sendInARequest(queue, "two");
        assertSame(first[0], first[1], "the worker and its helper share the request's context");
        assertNotSame(first[0], second[0], "a new request, a new context");
        assertClosed(first[0]);
        assertClosed(second[0]);
        JMSConsumer consumer = receiver.byDefault.createConsumer(queue);
        assertEquals("one", consumer.receiveBody(String.class, 10_000));
        assertEquals("two", consumer.receiveBody(String.class, 10_000));
    }

    @Test
    void anApplicationScopedBeansContextIsClosedWhenTheContainerStops() {
        Publisher publisher = container.select(Publisher.class).get();
        Queue queue = publisher.context().createQueue(TestBroker.queueName("cdi.app"));
        publisher.publish(queue, "from an application-scoped bean");
        JMSContext receiver = container.select(Messenger.class).get().byDefault;
        assertEquals("from an application-scoped bean", receiver.createConsumer(queue).receiveBody(String.class, 10_000));
        JMSContext publishersOwn = real(publisher.context());

        container.close();
        assertClosed(publishersOwn);
    }

    @Test
    void withoutDiscoveryTheExtensionIsAddedByHand() {
        container.close();
        container = new Weld().disableDiscovery().addExtension(new FerryJmsExtension())
                .addBeanClasses(Messenger.class).initialize();
        Messenger m = container.select(Messenger.class).get();
        Queue queue = m.byDefault.createQueue(TestBroker.queueName("cdi.manual"));
        m.byDefault.createProducer().send(queue, "no discovery");
        assertEquals("no discovery", m.fromJndi.createConsumer(queue).receiveBody(String.class, 10_000));
    }

    private static boolean isClosed(JMSContext context) {
        try {
            context.getMetaData();
            return false;
        } catch (IllegalStateRuntimeException e) {
            return true;
        }
    }
}
