package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What automatic recovery does over amqp:// reaches the ExceptionListener: the loss of the
 * connection, and the reconnect attempts that fail while the broker is away; then the connection
 * recovers by itself once a broker is back on the same port and data directory, and no PERSISTENT
 * message sent before the stop is lost. Restarts its own embedded FerryMQ, so FerryMQ only.
 */
@Timeout(90)
class RecoveryReportingIT {
    @TempDir
    Path dataDir;

    private final List<JMSException> reported = new CopyOnWriteArrayList<>();

    @Test
    void failedReconnectAttemptsAreReportedAndTheConnectionRecoversWithItsPersistentMessages() throws Exception {
        int port = freePort();
        FerryBroker broker = start(port);
        Connection connection = null;
        try {
            FerryConnectionFactory factory = new FerryConnectionFactory(FerryJmsConfig.builder()
                    .brokerUri("amqp://guest:guest@127.0.0.1:" + port).confirmTimeout(Duration.ofSeconds(10))
                    .recoveryInterval(Duration.ofMillis(300)).build());
            connection = factory.createConnection();
            connection.setExceptionListener(reported::add);
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue consumed = session.createQueue("recovery-it.consumed");
            Queue kept = session.createQueue("recovery-it.kept");
            MessageConsumer consumer = session.createConsumer(consumed);
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(kept, session.createTextMessage("sent before the stop"));   // returns once confirmed

            broker.close();
            awaitReport(e -> e.getMessage().contains("connection lost"), "the connection loss");
            awaitReport(e -> e.getMessage().contains("reconnect attempt 1 failed"), "a failed reconnect attempt");

            broker = start(port);
            TextMessage afterRestart = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (afterRestart == null && System.nanoTime() < deadline) {
                try {
                    producer.send(consumed, session.createTextMessage("sent after the restart"));
                    afterRestart = (TextMessage) consumer.receive(1000);
                } catch (JMSException stillRecovering) {
                    Thread.sleep(200);
                }
            }
            assertNotNull(afterRestart, "the recovered consumer received nothing");
            assertEquals("sent after the restart", afterRestart.getText());

            TextMessage beforeStop = (TextMessage) session.createConsumer(kept).receive(10_000);
            assertNotNull(beforeStop, "the PERSISTENT message sent before the stop was lost");
            assertEquals("sent before the stop", beforeStop.getText());
        } finally {
            if (connection != null) {
                connection.close();
            }
            broker.close();
        }
    }

    @Test
    void aConsumerWhoseQueueIsGoneAfterTheRestartIsReportedByName(@TempDir Path emptyDataDir) throws Exception {
        int port = freePort();
        FerryBroker broker = start(port);
        Connection connection = null;
        try {
            com.rabbitmq.client.ConnectionFactory plain = new com.rabbitmq.client.ConnectionFactory();
            plain.setPort(port);
            try (com.rabbitmq.client.Connection admin = plain.newConnection();
                 com.rabbitmq.client.Channel ch = admin.createChannel()) {
                ch.queueDeclare("recovery-it.declared-elsewhere", true, false, false, null);   // not this connection's topology
            }
            FerryConnectionFactory factory = new FerryConnectionFactory(FerryJmsConfig.builder()
                    .brokerUri("amqp://guest:guest@127.0.0.1:" + port).recoveryInterval(Duration.ofMillis(300)).build());
            connection = factory.createConnection();
            connection.setExceptionListener(reported::add);
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue("recovery-it.declared-elsewhere"));

            broker.close();
            awaitReport(e -> e.getMessage().contains("connection lost"), "the connection loss");
            // a broker without the queue: re-consuming it fails with 404
            broker = FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(emptyDataDir).start();
            awaitReport(e -> e.getMessage().contains("queue recovery-it.declared-elsewhere could not be recovered")
                    && "404".equals(e.getErrorCode()), "the consumer that could not be recovered");
        } finally {
            if (connection != null) {
                connection.close();
            }
            broker.close();
        }
    }

    private FerryBroker start(int port) {
        return FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(dataDir).start();
    }

    private void awaitReport(Predicate<JMSException> matching, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (reported.stream().anyMatch(matching)) {
                return;
            }
            Thread.sleep(50);
        }
        assertTrue(false, "ExceptionListener did not hear of " + what + "; it heard " + reported);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
