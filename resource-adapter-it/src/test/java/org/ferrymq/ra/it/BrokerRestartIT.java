package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.Results.Delivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The external FerryMQ server restarted under an active MDB, idle and in the middle of a stream: no redeploy, nothing lost. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
// the stream first: its check of the server log must not see the other test's restart being logged
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerRestartIT {
    static final String BROKER = ExternalBroker.get().uri();
    static final String STREAM = "it.restart.stream";

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        // a broker stopped mid-transaction can keep a delivery's prepared branch: the server's
        // recovery manager settles it through the recoverable factory, as in a real installation
        return Archives.recoverableRar(BROKER);
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Archives.app("restart-app", Mdb.of("Survivor", "destination", "it.restart", "maxSession", "2", "setupInterval", "500"),
                Mdb.of("Streamed", "destination", STREAM, "maxSession", "2", "setupInterval", "500"));
    }

    @Test
    @Order(2)
    void theMdbKeepsReceivingAfterTheBrokerRestarts() throws Exception {
        Results.pikaSend(BROKER, "it.restart", 20, null, null);
        List<Delivery> before = Results.await(BROKER, "it.restart", 20, 60_000);
        assertEquals(20, before.size());
        ExternalBroker.get().restart();
        Results.pikaSend(BROKER, "it.restart", 20, null, null);
        List<Delivery> after = Results.await(BROKER, "it.restart", 20, 90_000);
        Set<String> texts = after.stream().map(Delivery::text).collect(Collectors.toSet());
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "pika-" + i).collect(Collectors.toSet()), texts,
                "every message sent after the restart reached the MDB, which was not redeployed");
        assertTrue(after.size() >= 20);
    }

    /**
     * The broker stopped and started again while a producer sends a stream of persistent messages
     * (one confirmed send every few milliseconds) and the MDB consumes them: every message whose
     * send was confirmed reaches the bean, the activation reconnects by itself (no redeploy) and
     * says so once in the server's log.
     */
    @Test
    @Order(1)
    void noConfirmedMessageIsLostWhenTheBrokerRestartsUnderAStream() throws Exception {
        Path serverLog = Path.of(System.getProperty("jboss.home"), "standalone/log/server.log");
        long logStart = Files.size(serverLog);
        StreamProducer producer = new StreamProducer();
        Thread sending = new Thread(producer, "stream-producer");
        sending.start();
        Set<String> delivered = new HashSet<>();
        try {
            delivered.addAll(firstReports(50, 60_000));   // the bean is consuming the stream
            assertTrue(delivered.size() >= 50, "the MDB consumed the stream before the restart: " + delivered.size());
            ExternalBroker.get().stop();
            Thread.sleep(2000);   // down long enough for the activation and the producer to notice
            ExternalBroker.get().restart();
            Thread.sleep(3000);   // the stream goes on after the restart
        } finally {
            producer.sending = false;
            sending.join(120_000);
        }
        assertTrue(producer.failed.get() > 0, "the stream went on while the broker was down (sends refused then)");
        Set<String> missing = new TreeSet<>(producer.confirmed);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
            // reports of deliveries before and after the restart (redeliveries of unacked ones included);
            // a recovery pass rolls back a delivery's branch the broker still held prepared, which redelivers it
            recoveryScan();
            Results.await(BROKER, STREAM, missing.size(), 5_000).forEach(d -> delivered.add(d.text()));
            missing.removeAll(delivered);
        }
        System.out.println("stream across the restart: " + producer.confirmed.size() + " confirmed, " + producer.failed.get()
                + " refused while the broker was down, " + delivered.size() + " delivered");
        assertEquals(Set.of(), missing, "confirmed messages that never reached the MDB (" + producer.confirmed.size() + " confirmed, "
                + producer.failed.get() + " refused while the broker was down)");
        String log = Files.readString(serverLog).substring((int) logStart);
        assertEquals(1, occurrences(log, "FerryMQ activation queue " + STREAM + " lost its connection"), "the loss logged once:\n" + activationLines(log));
        assertEquals(1, occurrences(log, "FerryMQ activation queue " + STREAM + " connected after"), "the reconnect logged once:\n" + activationLines(log));
    }

    /**
     * WildFly's recovery manager keeps one broker connection for its scans (the connection
     * definition's recovery connection is checked with {@code isValid}, not replaced every scan),
     * and after the broker restarts it still reaches the broker: the previous tests restarted it.
     */
    @Test
    @Order(3)
    void recoveryScansReuseOneBrokerConnection() {
        recoveryScan();
        Set<String> afterOneScan = ExternalBroker.get().connectionNames();
        recoveryScan();
        recoveryScan();
        Set<String> afterThreeScans = ExternalBroker.get().connectionNames();
        assertEquals(afterOneScan, afterThreeScans, "the broker connections after one recovery scan and after two more");
        assertTrue(afterOneScan.size() >= 3, "the MDBs' activations and the recovery connection: " + afterOneScan);
    }

    /** The first {@code n} reports of the stream (Results.await would go on reading while the stream lasts). */
    private static Set<String> firstReports(int n, long timeoutMs) throws Exception {
        Set<String> got = new HashSet<>();
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            JMSConsumer consumer = ctx.createConsumer(ctx.createQueue("results." + STREAM));
            long until = System.currentTimeMillis() + timeoutMs;
            while (got.size() < n && System.currentTimeMillis() < until) {
                Message m = consumer.receive(Math.max(1, until - System.currentTimeMillis()));
                if (m != null) {
                    got.add(m.getBody(String.class));
                }
            }
        }
        return got;
    }

    /** One pass of WildFly's recovery manager (its recovery listener, enabled by configure-server.cli). */
    private static void recoveryScan() {
        try (Socket socket = new Socket("127.0.0.1", 4712 + Integer.getInteger("wildfly.port.offset"))) {
            socket.setSoTimeout(60_000);
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println("SCAN");
            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            System.out.println("recovery scan: " + e);
        }
    }

    private static int occurrences(String text, String what) {
        return (int) text.lines().filter(l -> l.contains(what)).count();
    }

    private static String activationLines(String log) {
        return log.lines().filter(l -> l.contains("FerryMQ activation")).collect(Collectors.joining("\n"));
    }

    /** Sends {@code stream-0, stream-1, ...}, persistent, each confirmed or refused, until told to stop; reconnects after a refusal. */
    static final class StreamProducer implements Runnable {
        final Set<String> confirmed = ConcurrentHashMap.newKeySet();
        final AtomicInteger failed = new AtomicInteger();
        volatile boolean sending = true;

        @Override
        public void run() {
            FerryConnectionFactory factory = new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri(BROKER).automaticRecovery(false).build());
            JMSContext context = null;
            for (int i = 0; sending; i++) {
                String text = "stream-" + i;
                try {
                    if (context == null) {
                        context = factory.createContext();
                    }
                    context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(context.createQueue(STREAM), text);
                    confirmed.add(text);   // send returned: the broker confirmed it
                    Thread.sleep(20);
                } catch (JMSRuntimeException e) {
                    failed.incrementAndGet();
                    closeQuietly(context);
                    context = null;
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ie) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            closeQuietly(context);
        }

        private static void closeQuietly(JMSContext context) {
            if (context != null) {
                try {
                    context.close();
                } catch (JMSRuntimeException e) {
                    // the broker is gone: nothing to close cleanly
                }
            }
        }
    }
}
