package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.api.Test;

/** Broker errors over vm:// reach JMS as the same exceptions as over amqp:// (one mapping, JmsExceptions). */
class VmErrorsIT extends VmTestBase {

    @Test
    void aTopicOnAMissingExchangeIsAnInvalidDestination() throws Exception {
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Topic missing = s.createTopic("vm-it-no-such-exchange-" + System.nanoTime() + "/key");
        InvalidDestinationException e = assertThrows(InvalidDestinationException.class,
                () -> s.createProducer(missing).send(s.createTextMessage("x")));
        assertNotNull(e.getMessage());
        assertThrows(InvalidDestinationException.class, () -> s.createConsumer(missing));
        // the session survives: its channel is reopened for the next call
        jakarta.jms.Queue q = s.createQueue(VmTestBroker.name("after-error"));
        s.createProducer(q).send(s.createTextMessage("still fine"));
        assertEquals("still fine", ((TextMessage) s.createConsumer(q).receive(5000)).getText());
    }

    @Test
    void theSimplifiedApiGetsTheRuntimeVariant() {
        try (JMSContext ctx = VmTestBroker.factory().createContext()) {
            Topic missing = ctx.createTopic("vm-it-no-such-exchange-" + System.nanoTime() + "/key");
            assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createProducer().send(missing, "x"));
        }
    }

    @Test
    void wrongCredentialsAreASecurityException() {
        FerryConnectionFactory f = new FerryConnectionFactory(VmTestBroker.config().user("guest").password("wrong").build());
        assertThrows(JMSSecurityException.class, f::createConnection);
    }

    @Test
    void anUnknownVhostIsASecurityException() {
        FerryConnectionFactory f = new FerryConnectionFactory(VmTestBroker.config()
                .brokerUri("vm://" + VmTestBroker.NAME + "/no-such-vhost").build());
        JMSException e = assertThrows(JMSException.class, f::createConnection);
        assertTrue(e instanceof JMSSecurityException, e.toString());
    }

    @Test
    void anUnregisteredBrokerNameSaysWhatIsRegistered() {
        FerryConnectionFactory f = new FerryConnectionFactory(VmTestBroker.config().brokerUri("vm://?broker=nobody").build());
        JMSException e = assertThrows(JMSException.class, f::createConnection);
        assertTrue(e.getMessage().contains("nobody") && e.getMessage().contains(VmTestBroker.NAME), e.getMessage());
    }

    @Test
    void metaDataNamesTheBroker() throws Exception {
        Connection c = connect();
        String name = c.getMetaData().getJMSProviderName();
        assertTrue(name.contains("broker: FerryMQ 0."), name);
    }

    @Test
    void aBrokerStoppingReachesTheExceptionListenerWith320() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ferrymq-vm-stop-it");
        org.ferrymq.broker.FerryBroker own = org.ferrymq.broker.FerryBroker.builder().host("127.0.0.1").amqpPort(0)
                .dataDir(dir).start();
        VmBrokers.register("vm-it-stopping", own);
        try {
            Connection c = track(new FerryConnectionFactory(VmTestBroker.config().brokerUri("vm://?broker=vm-it-stopping")
                    .build()).createConnection());
            java.util.concurrent.BlockingQueue<JMSException> reported = new java.util.concurrent.LinkedBlockingQueue<>();
            c.setExceptionListener(reported::add);
            c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            own.close();
            JMSException e = reported.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(e, "ExceptionListener not called");
            assertEquals("320", e.getErrorCode(), "CONNECTION_FORCED");
        } finally {
            VmBrokers.unregister("vm-it-stopping");
            own.close();
        }
    }
}
