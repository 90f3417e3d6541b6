package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.jms.FerryConnection;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider on a three-node RabbitMQ 3.10 cluster ({@code scripts/rabbitmq-cluster.sh}): a URI
 * naming every node, JMS Queues as quorum queues, and a consumer that carries on through another
 * node when its own node stops, without losing a confirmed message.
 */
class RabbitMqClusterIT {
    private RabbitMqCluster cluster;
    private final Set<String> queues = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void cluster() {
        cluster = RabbitMqCluster.fromEnvironment();
    }

    @AfterEach
    void deleteQueues() throws Exception {
        if (cluster == null) {
            return;   // no cluster: the test was skipped, nothing to delete
        }
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(cluster.nodeUri(1));
        try (com.rabbitmq.client.Connection admin = f.newConnection("jms-it-cluster-admin"); Channel ch = admin.createChannel()) {
            for (String q : queues) {
                ch.queueDelete(q);
            }
        }
    }

    private FerryConnectionFactory factory(String uri) {
        return new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri(uri).queueType("quorum")
                .confirmTimeout(Duration.ofSeconds(30)).build());
    }

    private String queueName(String what) {
        String name = "jms-it.cluster." + what + "." + UUID.randomUUID().toString().substring(0, 8);
        queues.add(name);
        return name;
    }

    @Test
    void aQueueSentToThroughOneNodeIsReceivedThroughAnotherAndIsAQuorumQueue() throws Exception {
        String name = queueName("across");
        try (Connection sender = factory(cluster.nodeUri(1)).createConnection();
             Connection receiver = factory(cluster.nodeUri(3)).createConnection()) {
            Session out = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = out.createProducer(out.createQueue(name));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < 50; i++) {
                producer.send(out.createTextMessage("order " + i));
            }
            receiver.start();
            Session in = receiver.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = in.createConsumer(in.createQueue(name));
            for (int i = 0; i < 50; i++) {
                TextMessage m = (TextMessage) consumer.receive(10_000);
                assertNotNull(m, "message " + i + " not received through node 3");
                assertEquals("order " + i, m.getText());
            }
        }
        assertEquals("quorum", queueTypeOnTheCluster(name));
    }

    /** RabbitMQ refuses a redeclare with another x-queue-type (406): that tells the queue's type. */
    private String queueTypeOnTheCluster(String queue) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(cluster.nodeUri(2));
        try (com.rabbitmq.client.Connection admin = f.newConnection("jms-it-cluster-admin")) {
            for (String type : new String[] {"classic", "quorum"}) {
                Map<String, Object> args = new HashMap<>(Map.of("x-queue-type", type));
                try (Channel ch = admin.createChannel()) {
                    ch.queueDeclare(queue, true, false, false, args);
                    return type;
                } catch (java.io.IOException inequivalent) {
                    // another type: try the next
                }
            }
        }
        return "unknown";
    }

    @Test
    void aListenerCarriesOnThroughAnotherNodeWhenItsNodeStops() throws Exception {
        String name = queueName("failover");
        Set<String> received = ConcurrentHashMap.newKeySet();
        CountDownLatch reported = new CountDownLatch(1);
        FerryConnection consuming = (FerryConnection) factory(cluster.uri()).createConnection();
        int stopped = -1;
        try {
            consuming.setExceptionListener(e -> reported.countDown());
            Session in = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = in.createQueue(name);
            in.createConsumer(queue).setMessageListener(m -> {
                try {
                    received.add(((TextMessage) m).getText());
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            consuming.start();
            stopped = cluster.nodeOf("ferrymq-jms-" + consuming.connectionId());
            assertTrue(stopped > 0, "the consumer's connection is on no node");
            int other = stopped % cluster.size() + 1;

            try (Connection sending = factory(cluster.nodeUri(other)).createConnection()) {
                Session out = sending.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = out.createProducer(out.createQueue(name));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                sendRange(out, producer, 0, 100);
                awaitCount(received, 100);

                cluster.stopNode(stopped);
                assertTrue(reported.await(30, TimeUnit.SECONDS), "the ExceptionListener did not hear of the lost node");
                sendRange(out, producer, 100, 200);   // every send confirmed by the cluster's quorum
                awaitCount(received, 200);
            }
            int now = cluster.nodeOf("ferrymq-jms-" + consuming.connectionId());
            assertNotEquals(stopped, now, "the connection should have moved off the stopped node");
            for (int i = 0; i < 200; i++) {
                assertTrue(received.contains("m" + i), "lost m" + i);
            }
        } finally {
            consuming.close();
            if (stopped > 0) {
                cluster.startNode(stopped);
            }
        }
    }

    /**
     * A producer whose node stops: a send during the outage fails with a JMSException (the broker
     * never confirmed it) or succeeds after recovery; every send that returned normally arrives.
     */
    @Test
    void aProducerWhoseNodeStopsLosesNoConfirmedMessage() throws Exception {
        String name = queueName("producer-failover");
        Set<String> received = ConcurrentHashMap.newKeySet();
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        CountDownLatch reported = new CountDownLatch(1);
        int stopped = -1;
        try (Connection consuming = factory(cluster.uri()).createConnection()) {
            Session in = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
            in.createConsumer(in.createQueue(name)).setMessageListener(m -> {
                try {
                    received.add(((TextMessage) m).getText());
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            consuming.start();
            FerryConnection producing = (FerryConnection) factory(cluster.uri()).createConnection();
            try {
                producing.setExceptionListener(e -> reported.countDown());
                Session out = producing.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = out.createProducer(out.createQueue(name));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                stopped = cluster.nodeOf("ferrymq-jms-" + producing.connectionId());
                int failures = 0;
                Set<String> reasons = new java.util.TreeSet<>();
                for (int i = 0; i < 300; i++) {
                    if (i == 100) {
                        cluster.stopNode(stopped);
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (true) {
                        try {
                            producer.send(out.createTextMessage("m" + i));
                            confirmed.add("m" + i);
                            break;
                        } catch (JMSException notConfirmed) {
                            failures++;
                            reasons.add(String.valueOf(notConfirmed.getMessage()));
                            assertTrue(System.nanoTime() < deadline, "no send succeeded for 60 s: " + notConfirmed);
                            Thread.sleep(200);
                        }
                    }
                }
                assertTrue(reported.await(30, TimeUnit.SECONDS), "the ExceptionListener did not hear of the lost node");
                for (String reason : reasons) {
                    assertTrue(reason.contains("CONNECTION_FORCED") || reason.contains("recover"), "unclear failure: " + reason);
                }
                System.out.println("sends refused during the fail-over: " + failures + " " + reasons);
            } finally {
                producing.close();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!received.containsAll(confirmed) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Set<String> lost = new java.util.TreeSet<>(confirmed);
            lost.removeAll(received);
            assertEquals(Set.of(), lost, "confirmed but never received");
            assertEquals(300, confirmed.size());
        } finally {
            if (stopped > 0) {
                cluster.startNode(stopped);
            }
        }
    }

    /**
     * Issue 14, item 26: the node of a classic queue stops, so RabbitMQ cancels the consumers it has on
     * other nodes (server-sent basic.cancel). The consumer tells the ExceptionListener which consumer
     * and queue, its receive() fails clearly, and when the node (and the durable queue with it) returns
     * it subscribes again by itself and receives what is sent afterwards.
     */
    @Test
    void aConsumerCancelledBecauseItsClassicQueuesNodeStoppedSubscribesAgainWhenTheNodeReturns() throws Exception {
        String name = queueName("classic-home");
        int home = 1;
        int other = 2;
        java.util.List<JMSException> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        FerryConnectionFactory classic = new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri(cluster.nodeUri(home))
                .queueType("classic").confirmTimeout(Duration.ofSeconds(30)).build());
        FerryConnectionFactory throughOther = new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri(cluster.nodeUri(other))
                .queueType("classic").confirmTimeout(Duration.ofSeconds(30)).build());
        boolean homeStopped = false;
        try (Connection declaring = classic.createConnection(); Connection consuming = throughOther.createConnection()) {
            Session declare = declaring.createSession(false, Session.AUTO_ACKNOWLEDGE);
            declare.createProducer(declare.createQueue(name));   // declares the durable classic queue on node 1
            declaring.close();
            consuming.setExceptionListener(reports::add);
            consuming.start();
            Session in = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session out = consuming.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = in.createQueue(name);
            MessageConsumer consumer = in.createConsumer(queue);
            MessageProducer producer = out.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(out.createTextMessage("before"));
            assertEquals("before", ((TextMessage) consumer.receive(10_000)).getText());

            cluster.stopNode(home);
            homeStopped = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reports.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, reports.size(), "the ExceptionListener hears of the cancelled consumer: " + reports);
            String report = reports.get(0).getMessage();
            assertTrue(report.contains(name) && report.contains("consumer") && report.contains("cancelled"), report);
            JMSException failed = org.junit.jupiter.api.Assertions.assertThrows(JMSException.class, () -> consumer.receive(2_000),
                    "receive() on the cancelled consumer fails rather than return null");
            assertTrue(failed.getMessage().contains(name), failed.getMessage());

            cluster.startNode(home);
            homeStopped = false;
            TextMessage after = null;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean sent = false;
            while (after == null && System.nanoTime() < deadline) {
                try {
                    if (!sent) {
                        producer.send(out.createTextMessage("after"));   // confirmed once the queue is back
                        sent = true;
                    }
                    after = (TextMessage) consumer.receive(500);
                } catch (JMSException notYet) {
                    Thread.sleep(200);   // still cancelled, or the send was not confirmed: the queue is not back yet
                }
            }
            assertNotNull(after, "the consumer subscribed again once the node was back");
            assertEquals("after", after.getText());
        } finally {
            if (homeStopped) {
                cluster.startNode(home);
            }
        }
    }

    private static void sendRange(Session session, MessageProducer producer, int from, int to) throws JMSException {
        for (int i = from; i < to; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
    }

    private static void awaitCount(Set<String> received, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, received.size(), "messages received");
    }
}
