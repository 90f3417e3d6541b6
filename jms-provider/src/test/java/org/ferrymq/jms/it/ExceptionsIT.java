package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;

import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.api.Test;

/** Broker failures reach the application as the right JMS exceptions (checked and runtime). */
class ExceptionsIT extends BrokerTestBase {

    @Test
    void wrongPasswordIsASecurityException() {
        FerryConnectionFactory f = new FerryConnectionFactory(TestBroker.config().password("wrong").automaticRecovery(false).build());
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> f.createConnection("guest", "wrong"));
        assertEquals("403", e.getErrorCode());
        assertThrows(JMSSecurityRuntimeException.class, () -> f.createContext("guest", "wrong"));
    }

    @Test
    void unknownVirtualHostIsASecurityException() {
        String uri = TestBroker.amqpUri().replaceAll("/$", "") + "/jms-it-no-such-vhost";
        FerryConnectionFactory f = new FerryConnectionFactory(TestBroker.config().brokerUri(uri).automaticRecovery(false).build());
        assertThrows(JMSSecurityException.class, f::createConnection);
    }

    @Test
    void unreachableBrokerIsAJmsException() {
        FerryConnectionFactory f = new FerryConnectionFactory(TestBroker.config().brokerUri("amqp://guest:guest@127.0.0.1:1/").automaticRecovery(false).build());
        assertThrows(JMSException.class, f::createConnection);
    }

    @Test
    void unknownSchemeNamesTheTransports() {
        FerryConnectionFactory f = new FerryConnectionFactory("zmq://127.0.0.1:1");
        JMSException e = assertThrows(JMSException.class, f::createConnection);
        assertTrue(e.getMessage().contains("amqp"), e.getMessage());
    }

    @Test
    void clientIdIsUniqueAndSetOnlyFirst() throws Exception {
        String id = "jms-it-" + UUID.randomUUID();
        Connection first = connect();
        first.setClientID(id);
        assertThrows(IllegalStateException.class, () -> first.setClientID("again"));
        Connection second = connect();
        assertThrows(InvalidClientIDException.class, () -> second.setClientID(id));
        Connection used = connect();
        used.createSession();
        assertThrows(IllegalStateException.class, () -> used.setClientID("late"));
        JMSContext ctx = track(factory().createContext());
        assertThrows(InvalidClientIDRuntimeException.class, () -> ctx.setClientID(id));
    }

    @Test
    void administrativelyConfiguredClientIdCannotBeChanged() throws Exception {
        String id = "jms-it-" + UUID.randomUUID();
        FerryConnectionFactory f = new FerryConnectionFactory(TestBroker.config().clientId(id).build());
        Connection c = track(f.createConnection());
        assertEquals(id, c.getClientID());
        assertThrows(IllegalStateException.class, () -> c.setClientID("other"));
    }

    @Test
    void selectorOnASharedQueueNamesTheLimitation() throws Exception {
        // FerryMQ filters queues in the broker (QueueSelectorIT); plain RabbitMQ cannot
        org.junit.jupiter.api.Assumptions.assumeTrue(TestBroker.isExternal(), "only plain RabbitMQ has this limitation");
        Session s = connect().createSession();
        JMSException e = assertThrows(JMSException.class,
                () -> s.createConsumer(s.createQueue(TestBroker.queueName("sel")), "color = 'red'"));
        assertTrue(e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void aSelectorThatDoesNotParseIsAnInvalidSelector() throws Exception {
        Session s = connect().createSession();
        assertThrows(InvalidSelectorException.class, () -> s.createConsumer(s.createTopic("jms-it.sel"), "color = "));
    }

    @Test
    void runtimeTwinsInTheSimplifiedApi() {
        JMSContext ctx = track(factory().createContext());
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createConsumer(ctx.createTopic("jms-it.no-exchange/x")));
        assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.unsubscribe("jms-it-none"));
        assertThrows(InvalidDestinationException.class, () -> connect().createSession().createConsumer(null));
    }

    @Test
    void closedObjectsRefuseWork() throws Exception {
        Connection c = connect();
        Session s = c.createSession();
        c.close();
        assertThrows(IllegalStateException.class, s::createMessage);
        assertThrows(IllegalStateException.class, c::createSession);
        c.close();   // idempotent
    }

    @Test
    void aNonPersistentSendThatFindsItsExchangeGoneMakesTheNextSendCheckIt() throws Exception {
        String exchange = TestBroker.exchange("vanishing-np", "fanout");
        Connection c = started();
        java.util.concurrent.BlockingQueue<JMSException> reported = new java.util.concurrent.LinkedBlockingQueue<>();
        c.setExceptionListener(reported::add);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic t = s.createTopic(exchange + "/");
        // the session reports its channel's close to the listener when it has consumers
        jakarta.jms.MessageConsumer consumer = s.createConsumer(t);
        jakarta.jms.MessageProducer p = s.createProducer(t);
        p.setDeliveryMode(jakarta.jms.DeliveryMode.NON_PERSISTENT);
        p.send(s.createTextMessage("before"));
        // the send does not wait: without this, the delete below can reach the broker first
        assertNotNull(consumer.receive(10_000), "the first send arrived before the exchange went");
        try (com.rabbitmq.client.Channel ch = TestBroker.admin().createChannel()) {
            ch.exchangeDelete(exchange);
        }
        p.send(s.createTextMessage("into the void"));   // does not wait: the 404 comes to the listener
        JMSException e = reported.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("404", e.getErrorCode());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        InvalidDestinationException refused = null;
        while (refused == null && System.nanoTime() < deadline) {
            try {
                p.send(s.createTextMessage("checked first"));
                Thread.sleep(20);
            } catch (InvalidDestinationException expected) {
                refused = expected;
            }
        }
        assertTrue(refused != null && refused.getMessage().contains("does not exist"),
                "the next send checks the exchange again: " + refused);
    }

    @Test
    void aChannelTheBrokerClosesIsReportedAndTheSessionGoesOn() throws Exception {
        String exchange = TestBroker.exchange("vanishing", "fanout");
        Connection c = started();
        java.util.concurrent.BlockingQueue<JMSException> reported = new java.util.concurrent.LinkedBlockingQueue<>();
        c.setExceptionListener(reported::add);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.Topic t = s.createTopic(exchange + "/");
        s.createConsumer(t);
        jakarta.jms.MessageProducer p = s.createProducer(t);
        p.send(s.createTextMessage("before"));
        try (com.rabbitmq.client.Channel ch = TestBroker.admin().createChannel()) {
            ch.exchangeDelete(exchange);
        }
        assertThrows(InvalidDestinationException.class, () -> p.send(s.createTextMessage("into the void")));
        JMSException e = reported.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("404", e.getErrorCode());
        // the 404 made the connection forget the exchange: the next send checks it and is refused at once
        InvalidDestinationException again = assertThrows(InvalidDestinationException.class,
                () -> p.send(s.createTextMessage("checked first")));
        assertTrue(again.getMessage().contains("does not exist"), again.getMessage());
        // the session reopens a channel for what comes next
        jakarta.jms.Queue q = s.createQueue(TestBroker.queueName("after-404"));
        s.createProducer(q).send(s.createTextMessage("still works"));
        assertEquals(1, TestBroker.messageCount(q.getQueueName()));
    }
}
