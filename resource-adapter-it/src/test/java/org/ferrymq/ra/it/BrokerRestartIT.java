package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.ferrymq.jms.FerryConnectionFactory;
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
        ServerLog log = ServerLog.fromNow();
        ConfirmedStream producer = new ConfirmedStream(BROKER, STREAM, 20);
        producer.start();
        Set<String> delivered = new HashSet<>();
        try {
            delivered.addAll(firstReports(50, 60_000));   // the bean is consuming the stream
            assertTrue(delivered.size() >= 50, "the MDB consumed the stream before the restart: " + delivered.size());
            ExternalBroker.get().stop();
            Thread.sleep(2000);   // down long enough for the activation and the producer to notice
            ExternalBroker.get().restart();
            Thread.sleep(3000);   // the stream goes on after the restart
        } finally {
            producer.stop();
        }
        assertTrue(producer.refused.get() > 0, "the stream went on while the broker was down (sends refused then)");
        Set<String> missing = producer.confirmed.stream().map(ConfirmedStream::text).collect(Collectors.toCollection(TreeSet::new));
        long deadline = System.currentTimeMillis() + 120_000;
        while (!missing.isEmpty() && System.currentTimeMillis() < deadline) {
            // reports of deliveries before and after the restart (redeliveries of unacked ones included);
            // a recovery pass rolls back a delivery's branch the broker still held prepared, which redelivers it
            RecoveryListener.scan();
            Results.await(BROKER, STREAM, missing.size(), 5_000).forEach(d -> delivered.add(d.text()));
            missing.removeAll(delivered);
        }
        System.out.println("stream across the restart: " + producer.confirmed.size() + " confirmed, " + producer.refused.get()
                + " refused while the broker was down, " + delivered.size() + " delivered");
        assertEquals(Set.of(), missing, "confirmed messages that never reached the MDB (" + producer.confirmed.size() + " confirmed, "
                + producer.refused.get() + " refused while the broker was down)");
        assertEquals(1, log.occurrences("FerryMQ activation queue " + STREAM + " lost its connection"), "the loss logged once:\n" + log.activationLines());
        assertEquals(1, log.occurrences("FerryMQ activation queue " + STREAM + " connected after"), "the reconnect logged once:\n" + log.activationLines());
    }

    /**
     * WildFly's recovery manager keeps one broker connection for its scans (the connection
     * definition's recovery connection is checked with {@code isValid}, not replaced every scan),
     * and after the broker restarts it still reaches the broker: the previous tests restarted it.
     */
    @Test
    @Order(3)
    void recoveryScansReuseOneBrokerConnection() {
        RecoveryListener.scan();
        Set<String> afterOneScan = ExternalBroker.get().connectionNames();
        RecoveryListener.scan();
        RecoveryListener.scan();
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
}
