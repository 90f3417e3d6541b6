package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.rabbitmq.client.Channel;

import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deliveries a consumer had buffered when the broker closed its session's channel are never
 * handed to the application afterwards: the broker requeued them with the channel, and their
 * delivery tags would name nothing, or another message, on the channel the session opens next.
 * On both transports (vm:// only against the embedded FerryMQ), and against RabbitMQ.
 */
class LostChannelDeliveriesIT extends BrokerTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"amqp", "vm"})
    void deliveriesBufferedOnAChannelTheBrokerClosedAreNeverHandedOut(String transport) throws Exception {
        FerryConnectionFactory factory = "vm".equals(transport) ? TestBroker.vmFactory() : TestBroker.factory();
        String queue = TestBroker.queueName("lost-channel");
        String exchange = TestBroker.exchange("lost-channel", "fanout");
        seedThreeMessages(queue);
        Connection c = track(factory.createConnection());
        BlockingQueue<JMSException> reported = listenTo(c);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = bufferingAllThree(s, queue);

        // a non-persistent send to an exchange deleted behind the session's back: the broker closes its channel
        MessageProducer p = s.createProducer(s.createTopic(exchange + "/"));
        p.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        try (Channel admin = TestBroker.admin().createChannel()) {
            admin.exchangeDelete(exchange);
        }
        p.send(s.createTextMessage("into the void"));
        JMSException closed = reported.poll(10, TimeUnit.SECONDS);
        assertEquals("404", closed == null ? null : closed.getErrorCode(), "the channel close reaches the listener");
        awaitReady(queue, 3);   // the broker took the three back with the channel

        assertNull(consumer.receive(500), "a delivery of the lost channel was handed out again");
        // the session carries on with a new channel: no unknown delivery tag closed it
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage("m4"));
        assertEquals(4, awaitReady(queue, 4));

        Session fresh = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer again = fresh.createConsumer(fresh.createQueue(queue));
        List<String> bodies = new ArrayList<>();
        List<Boolean> redelivered = new ArrayList<>();
        for (jakarta.jms.Message m; (m = again.receive(2000)) != null; ) {
            bodies.add(body(m));
            redelivered.add(m.getJMSRedelivered());
        }
        assertEquals(List.of("m1", "m2", "m3", "m4"), bodies, "each message exactly once, in order");
        assertEquals(List.of(true, true, true, false), redelivered);
        assertNull(reported.poll(), "nothing else went wrong on the connection");
    }

    /**
     * The connection is lost and automatic recovery subscribes the consumer again: what it had
     * buffered before comes back from the broker, redelivered, and only that copy is handed out.
     */
    @org.junit.jupiter.api.Test
    void afterAutomaticRecoveryOnlyTheBrokersRedeliveriesAreHandedOut() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(TestBroker.isExternal(), "closes the connection through the embedded FerryMQ");
        String queue = TestBroker.queueName("recovered");
        seedThreeMessages(queue);
        FerryConnectionFactory factory = new FerryConnectionFactory(
                TestBroker.config().recoveryInterval(java.time.Duration.ofMillis(200)).build());
        org.ferrymq.jms.FerryConnection c = (org.ferrymq.jms.FerryConnection) track(factory.createConnection());
        BlockingQueue<JMSException> reported = listenTo(c);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = bufferingAllThree(s, queue);

        TestBroker.forceClose(c, "jms-it: lost connection");
        JMSException lost = reported.poll(10, TimeUnit.SECONDS);
        assertEquals("320", lost == null ? null : lost.getErrorCode(), "CONNECTION_FORCED reaches the listener");

        List<String> bodies = new ArrayList<>();
        List<Boolean> redelivered = new ArrayList<>();
        for (jakarta.jms.Message m; (m = consumer.receive(3000)) != null; ) {
            bodies.add(body(m));
            redelivered.add(m.getJMSRedelivered());
        }
        assertEquals(List.of("m1", "m2", "m3"), bodies, "each message exactly once");
        assertEquals(List.of(true, true, true), redelivered, "the broker's redeliveries, not the lost buffer");
        awaitReady(queue, 0);
    }

    /** m1, m2, m3 in a new durable queue, published with the RabbitMQ client. */
    private static void seedThreeMessages(String queue) throws Exception {
        try (Channel admin = TestBroker.admin().createChannel()) {
            admin.queueDeclare(queue, true, false, false, null);
            for (String body : List.of("m1", "m2", "m3")) {
                admin.basicPublish("", queue, null, body.getBytes());
            }
        }
    }

    /** Starts the connection and answers what its ExceptionListener hears. */
    private static BlockingQueue<JMSException> listenTo(Connection c) throws JMSException {
        BlockingQueue<JMSException> reported = new LinkedBlockingQueue<>();
        c.setExceptionListener(reported::add);
        c.start();
        return reported;
    }

    /** A consumer on the queue, once all three messages are in its buffer, unacknowledged. */
    private static MessageConsumer bufferingAllThree(Session s, String queue) throws Exception {
        MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
        awaitReady(queue, 0);
        return consumer;
    }

    /** pika-style bodies arrive as TextMessage or BytesMessage depending on their content type; m4 is a TextMessage. */
    private static String body(jakarta.jms.Message m) throws JMSException {
        return m instanceof TextMessage t ? t.getText() : new String(m.getBody(byte[].class));
    }

    /** Waits until the queue has this many ready messages; answers the count. */
    private static long awaitReady(String queue, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long count;
        while ((count = TestBroker.messageCount(queue)) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(count == expected, queue + " has " + count + " ready messages, not " + expected);
        return count;
    }
}
