package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.jms.FerryConnectionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What FerryMQ tells a JMS consumer about earlier deliveries: JMSXDeliveryCount counts them (the
 * broker's x-delivery-count), and a QueueBrowser is not a delivery (the broker's x-browse).
 * FerryMQ-only, over vm:// and amqp://; skipped against an external broker (on RabbitMQ classic
 * queues the count stops at 2, and browsing marks messages redelivered, as documented).
 */
class DeliveryStateIT extends BrokerTestBase {

    private Connection started(String transport) throws Exception {
        FerryConnectionFactory factory;
        if (transport.equals("vm")) {
            factory = TestBroker.vmFactory();
        } else {
            assumeFalse(TestBroker.isExternal(), "FerryMQ behaviour");
            factory = TestBroker.factory();
        }
        Connection c = track(factory.createConnection());
        c.start();
        return c;
    }

    private static void send(Session s, Queue q, String... bodies) throws Exception {
        MessageProducer p = s.createProducer(q);
        for (String body : bodies) {
            p.send(s.createTextMessage(body));
        }
        p.close();
    }

    private static List<String> browse(QueueBrowser browser) throws Exception {
        List<String> seen = new ArrayList<>();
        for (Object o : Collections.list(browser.getEnumeration())) {
            Message m = (Message) o;
            assertFalse(m.getJMSRedelivered(), "a browsed message is shown as not redelivered");
            seen.add(((TextMessage) m).getText());
        }
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "amqp"})
    void recoverCountsEveryDelivery(String transport) throws Exception {
        Connection c = started(transport);
        Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("count-" + transport));
        MessageConsumer consumer = s.createConsumer(q);
        send(s, q, "again and again");
        for (int expected = 1; expected <= 4; expected++) {
            Message m = consumer.receive(5000);
            assertNotNull(m, "delivery " + expected);
            assertEquals(expected, m.getIntProperty("JMSXDeliveryCount"));
            assertEquals(expected > 1, m.getJMSRedelivered());
            if (expected < 4) {
                s.recover();
            } else {
                m.acknowledge();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "amqp"})
    void browsingIsNotADelivery(String transport) throws Exception {
        Connection c = started(transport);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("browse-" + transport));
        send(s, q, "b0", "b1");
        QueueBrowser browser = s.createBrowser(q);
        assertEquals(List.of("b0", "b1"), browse(browser));
        assertEquals(List.of("b0", "b1"), browse(browser), "a second enumeration sees the same");
        browser.close();
        assertEquals(2, TestBroker.messageCount(q.getQueueName()));

        MessageConsumer consumer = s.createConsumer(q);
        for (String expected : List.of("b0", "b1")) {
            Message m = consumer.receive(5000);
            assertEquals(expected, ((TextMessage) m).getText());
            assertFalse(m.getJMSRedelivered());
            assertEquals(1, m.getIntProperty("JMSXDeliveryCount"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "amqp"})
    void browsingWithASelectorShowsOnlyMatchesAndTakesNothing(String transport) throws Exception {
        Connection c = started(transport);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("browse-selector-" + transport));
        MessageProducer p = s.createProducer(q);
        for (String color : List.of("red", "blue", "red", "blue")) {
            TextMessage m = s.createTextMessage(color);
            m.setStringProperty("color", color);
            p.send(m);
        }
        QueueBrowser browser = s.createBrowser(q, "color = 'blue'");
        assertEquals(List.of("blue", "blue"), browse(browser));
        assertEquals(4, TestBroker.messageCount(q.getQueueName()));
        Message first = s.createConsumer(q).receive(5000);
        assertEquals("red", ((TextMessage) first).getText());
        assertFalse(first.getJMSRedelivered());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm", "amqp"})
    void aConsumerKeepsReceivingWhileOthersBrowse(String transport) throws Exception {
        Connection c = started(transport);
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("browse-busy-" + transport));
        int count = 200;
        String[] bodies = new String[count];
        for (int i = 0; i < count; i++) {
            bodies[i] = "m" + i;
        }
        send(s, q, bodies);

        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.CountDownLatch browsingStarted = new java.util.concurrent.CountDownLatch(1);
        Session browsing = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        CompletableFuture<Integer> browses = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try (QueueBrowser browser = browsing.createBrowser(q)) {
                browsingStarted.countDown();
                do {   // at least once, even if the consumer is done before this thread gets going
                    browse(browser);
                    n++;
                } while (!stop.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return n;
        });
        assertTrue(browsingStarted.await(10, java.util.concurrent.TimeUnit.SECONDS), "the browsing thread did not start");

        Session consuming = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = consuming.createConsumer(q);
        Set<String> received = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Message m = consumer.receive(5000);
            assertNotNull(m, "message " + i + " while browsing");
            assertFalse(m.getJMSRedelivered(), "browsing marked " + ((TextMessage) m).getText() + " redelivered");
            assertEquals(1, m.getIntProperty("JMSXDeliveryCount"));
            received.add(((TextMessage) m).getText());
            m.acknowledge();
        }
        stop.set(true);
        assertTrue(browses.get() >= 1);
        assertEquals(count, received.size());
    }
}
