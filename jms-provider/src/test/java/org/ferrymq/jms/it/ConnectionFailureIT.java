package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.jms.FerryConnection;
import org.junit.jupiter.api.Test;

/**
 * A broker-side close reaches the ExceptionListener and the connection recovers by itself.
 * Uses {@code rabbitmqctl close_connection}, so it runs against the RabbitMQ peer only.
 */
class ConnectionFailureIT extends BrokerTestBase {
    private static final Path RABBITMQCTL = Path.of("/usr/sbin/rabbitmqctl");
    private static final String NODE = "ferrymq-peer@localhost";

    private static String ctl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(RABBITMQCTL.toString(), "-n", NODE, "-q"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ERL_EPMD_ADDRESS", "127.0.0.1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void brokerClosingTheConnectionReachesTheExceptionListenerAndRecovers() throws Exception {
        assumeTrue(TestBroker.isExternal() && Files.isExecutable(RABBITMQCTL), "needs the RabbitMQ peer and rabbitmqctl");
        FerryConnection c = (FerryConnection) started();
        AtomicReference<JMSException> reported = new AtomicReference<>();
        CountDownLatch failed = new CountDownLatch(1);
        c.setExceptionListener(e -> {
            reported.set(e);
            failed.countDown();
        });
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(TestBroker.queueName("recovery"));
        MessageConsumer consumer = s.createConsumer(q);

        String name = "ferrymq-jms-" + c.connectionId();
        String pid = ctl("list_connections", "pid", "client_properties").lines()
                .filter(l -> l.contains(name)).map(l -> l.substring(0, l.indexOf('\t'))).findFirst().orElseThrow();
        ctl("close_connection", pid, "jms-it forced close");

        assertTrue(failed.await(20, TimeUnit.SECONDS), "ExceptionListener not called");
        assertEquals("320", reported.get().getErrorCode(), "CONNECTION_FORCED");

        // automatic recovery reopens the connection, the session's channel and its consumer
        TextMessage received = null;
        for (int i = 0; i < 40 && received == null; i++) {
            try {
                s.createProducer(q).send(s.createTextMessage("after recovery"));
                received = (TextMessage) consumer.receive(1000);
            } catch (JMSException notYet) {
                Thread.sleep(250);
            }
        }
        assertNotNull(received, "nothing received after recovery");
        assertEquals("after recovery", received.getText());
    }
}
