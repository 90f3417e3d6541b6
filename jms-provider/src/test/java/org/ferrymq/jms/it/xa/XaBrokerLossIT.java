package org.ferrymq.jms.it.xa;

import static javax.transaction.xa.XAException.XAER_RMFAIL;
import static javax.transaction.xa.XAException.XA_RBCOMMFAIL;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.XA_OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.jms.it.xa.XaTestSupport.assertXaError;
import static org.ferrymq.jms.it.xa.XaTestSupport.xid;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an application's XA resource does when the broker dies under it (a broker JVM of its own,
 * {@link CrashBrokerMain}, SIGKILLed and restarted on the same port and data): every call on the
 * dead connection fails at once with XAER_RMFAIL; a branch that was not prepared is rolled back
 * and says so with a rollback code once the broker is back, and no send or receive of the
 * transaction slips outside it when automatic recovery reconnects; the application carries on with
 * a fresh branch; and a prepared branch is found by {@code recover} on a new connection and finished.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XaBrokerLossIT {
    /** Far below any RPC timeout: a call on a dead connection must not wait for one. */
    private static final long FAST_MILLIS = 2_000;

    private Path dir;
    private int port;
    private JavaProcess broker;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("ferrymq-xa-loss-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        startBroker();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // the broker may be gone
            }
        }
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyCallOnADeadConnectionFailsFastWithRmfailAndAFreshSessionCarriesOn() throws Exception {
        seed("in", "m1", "m2");
        XAConnection connection = xaConnection(false);
        java.util.concurrent.CountDownLatch lost = new java.util.concurrent.CountDownLatch(1);
        connection.setExceptionListener(e -> lost.countDown());
        XASession s = connection.createXASession();
        XAResource r = s.getXAResource();
        MessageConsumer consumer = s.createConsumer(s.createQueue("in"));
        Xid open = xid();
        r.start(open, TMNOFLAGS);
        assertThat(consumer.receive(5000)).isNotNull();

        broker.kill();
        // the calls below are made on a connection known to be dead, so the prepare never leaves and
        // the rollback may count the branch as rolled back; a connection that dies under a prepare
        // leaves its outcome unknown, and the rollback then answers XAER_RMFAIL until recovery
        assertThat(lost.await(10, TimeUnit.SECONDS)).as("the ExceptionListener heard of the loss").isTrue();

        fast(() -> assertXaError(() -> r.end(open, TMSUCCESS), XAER_RMFAIL));
        fast(() -> assertXaError(() -> r.prepare(open), XAER_RMFAIL));
        fast(() -> r.rollback(open));   // never prepared: the broker rolls it back with the connection
        fast(() -> assertXaError(() -> r.recover(TMSTARTRSCAN), XAER_RMFAIL));
        fast(() -> assertXaError(() -> r.start(xid(), TMNOFLAGS), XAER_RMFAIL));
        fast(() -> assertXaError(() -> r.commit(xid(), false), XAER_RMFAIL));

        startBroker();
        XAConnection freshConnection = xaConnection(false);
        XASession fresh = freshConnection.createXASession();
        XAResource r2 = fresh.getXAResource();
        MessageConsumer c2 = fresh.createConsumer(fresh.createQueue("in"));
        Xid next = xid();
        r2.start(next, TMNOFLAGS);
        Message m = c2.receive(5000);
        assertThat(m).isNotNull();
        r2.end(next, TMSUCCESS);
        assertThat(r2.prepare(next)).isEqualTo(XA_OK);
        r2.commit(next, false);
        freshConnection.close();   // gives back what its consumer prefetched
        assertThat(drain("in")).as("one of the two consumed, the other (and the lost branch's) still there").hasSize(1);
    }

    @Test
    void afterAutomaticRecoveryALostBranchSaysRolledBackAndNothingSlipsOutsideIt() throws Exception {
        seed("in", "m1");
        XASession s = xaSession(true);
        XAResource r = s.getXAResource();
        MessageProducer out = s.createProducer(s.createQueue("out"));
        MessageConsumer in = s.createConsumer(s.createQueue("in"));
        Xid lost = xid();
        r.start(lost, TMNOFLAGS);
        out.send(s.createTextMessage("sent before the loss"));

        broker.kill();
        startBroker();
        awaitReconnected(r);

        assertThatThrownBy(() -> out.send(s.createTextMessage("sent after the loss")))
                .isInstanceOf(TransactionRolledBackException.class);
        assertThatThrownBy(() -> in.receive(3000)).isInstanceOf(TransactionRolledBackException.class);
        assertXaError(() -> r.end(lost, TMSUCCESS), XA_RBCOMMFAIL);
        r.rollback(lost);

        Xid next = xid();
        r.start(next, TMNOFLAGS);
        TextMessage m = (TextMessage) in.receive(5000);
        assertThat(m).isNotNull();
        assertThat(m.getText()).isEqualTo("m1");
        out.send(s.createTextMessage("reply to m1"));
        r.end(next, TMSUCCESS);
        assertThat(r.prepare(next)).isEqualTo(XA_OK);
        r.commit(next, false);

        assertThat(drain("out")).containsExactly("reply to m1");
        assertThat(drain("in")).isEmpty();
    }

    @Test
    void aPreparedBranchIsFoundByRecoverOnANewConnectionAndFinished() throws Exception {
        seed("in", "m1");
        XASession s = xaSession(false);
        XAResource r = s.getXAResource();
        Xid prepared = xid();
        r.start(prepared, TMNOFLAGS);
        assertThat(s.createConsumer(s.createQueue("in")).receive(5000)).isNotNull();
        s.createProducer(s.createQueue("out")).send(s.createTextMessage("out"));
        r.end(prepared, TMSUCCESS);
        assertThat(r.prepare(prepared)).isEqualTo(XA_OK);

        broker.kill();
        fast(() -> assertXaError(() -> r.commit(prepared, false), XAER_RMFAIL));
        startBroker();

        XAResource recovery = xaSession(false).getXAResource();
        Xid[] found = recovery.recover(TMSTARTRSCAN);
        assertThat(Arrays.stream(found).anyMatch(x -> XaTestSupport.TestXid.same(x, prepared))).isTrue();
        recovery.commit(prepared, false);
        assertThat(recovery.recover(TMSTARTRSCAN)).isEmpty();
        assertThat(drain("in")).isEmpty();
        assertThat(drain("out")).containsExactly("out");
    }

    // ---- helpers ----

    private void startBroker() throws Exception {
        broker = JavaProcess.start("broker", Path.of("target", "xa-broker-loss", "broker.log"), CrashBrokerMain.class, dir.resolve("broker").toString(), String.valueOf(port));
        broker.await("READY", 60_000);
    }

    private FerryConnectionFactory factory(boolean automaticRecovery) {
        return new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri("amqp://guest:guest@127.0.0.1:" + port)
                .automaticRecovery(automaticRecovery).recoveryInterval(Duration.ofMillis(200))
                .confirmTimeout(Duration.ofSeconds(10)).build());
    }

    private XASession xaSession(boolean automaticRecovery) throws Exception {
        return xaConnection(automaticRecovery).createXASession();
    }

    /** A started XA connection, closed after the test. */
    private XAConnection xaConnection(boolean automaticRecovery) throws Exception {
        XAConnection c = factory(automaticRecovery).createXAConnection();
        closeables.add(c);
        c.start();
        return c;
    }

    private void seed(String queue, String... bodies) throws Exception {
        try (Connection c = factory(false).createConnection(); Session s = c.createSession()) {
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String body : bodies) {
                p.send(s.createTextMessage(body));
            }
        }
    }

    /** Takes (acknowledging) everything in the queue. */
    private List<String> drain(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection c = factory(false).createConnection(); Session s = c.createSession()) {
            c.start();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            Message m;
            while ((m = consumer.receive(1000)) != null) {
                bodies.add(((TextMessage) m).getText());
            }
        }
        return bodies;
    }

    /** Waits until the resource reaches the broker again (automatic recovery reconnected). */
    private static void awaitReconnected(XAResource r) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                r.recover(TMSTARTRSCAN);
                return;
            } catch (javax.transaction.xa.XAException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    private static void fast(XaTestSupport.XaCall call) throws Exception {
        long start = System.nanoTime();
        call.run();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("milliseconds the call took")
                .isLessThan(FAST_MILLIS);
    }
}
