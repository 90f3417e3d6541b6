package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.TlsListener;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.TestCertificates;
import org.ferrymq.broker.management.ConnectionView;
import org.ferrymq.broker.management.TrafficCounters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Octets through a connection's socket, as RabbitMQ's {@code recv_oct}/{@code send_oct}: with the
 * RabbitMQ Java client over plain TCP and over TLS, publishing N octets of bodies makes
 * {@code recv_oct} grow by at least N and consuming them makes {@code send_oct} grow by at least
 * N; {@code recv_cnt}/{@code send_cnt} grow; the vhost's counts include its connections' and keep
 * a closed connection's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketTrafficIT {
    private static final int MESSAGES = 50;
    private static final int BODY = 4_000;

    @TempDir
    static Path certDir;
    static TestCertificates certs;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void certificates() throws Exception {
        assumeTrue(BrokerTarget.externalUri() == null, "reads the embedded broker's management API");
        certs = TestCertificates.create(certDir);
    }

    @Test
    void countsOctetsReadAndWrittenOnAPlainSocket() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start()) {
            ConnectionFactory f = factory(broker.amqpPort());
            TrafficCounters vhost = broker.management().vhost("/").orElseThrow().traffic();
            long vhostRecvBefore = vhost.recvOct();
            long vhostAfterTraffic;
            try (Connection c = f.newConnection("traffic-plain")) {
                ConnectionView view = view(broker, "traffic-plain");
                assertThat(view.tls()).isFalse();
                assertThat(view.tlsSession()).isNull();
                exchangeBodies(view.traffic(), c);
                assertThat(vhost.recvOct()).isGreaterThanOrEqualTo(vhostRecvBefore + (long) MESSAGES * BODY);
                assertThat(vhost.sendOct()).isGreaterThanOrEqualTo((long) MESSAGES * BODY);
                vhostAfterTraffic = vhost.recvOct();
            }
            // a closed connection's octets stay in its vhost's totals
            assertThat(vhost.recvOct()).isGreaterThanOrEqualTo(vhostAfterTraffic);
            awaitAtLeast("no connection left", () -> broker.management().connections().isEmpty() ? 1 : 0, 1);
            assertThat(vhost.recvOct()).isGreaterThanOrEqualTo(vhostAfterTraffic);
        }
    }

    @Test
    void countsWhatCrossesTheSocketOverTls() throws Exception {
        TlsListener tls = TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), certs.serverKey());
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir)
                .configure(b -> b.tls(tls)).start()) {
            ConnectionFactory f = factory(broker.amqpsPort());
            f.useSslProtocol(certs.clientContext(false));
            try (Connection c = f.newConnection("traffic-tls")) {
                ConnectionView view = view(broker, "traffic-tls");
                assertThat(view.tls()).isTrue();
                // the negotiated session, without a client certificate (checked in full over HTTP by the console's AmqpsConnectionFieldsIT)
                assertThat(view.tlsSession().protocol()).isIn("tlsv1.3", "tlsv1.2");
                assertThat(view.tlsSession().cipher()).isNotNull();
                assertThat(view.tlsSession().peerCertSubject()).isNull();
                // the TLS handshake alone is more than the AMQP handshake: a certificate went out
                assertThat(view.traffic().sendOct()).isGreaterThan(500);
                exchangeBodies(view.traffic(), c);
            }
        }
    }

    /** Publishes then consumes MESSAGES bodies of BODY octets, checking the counts grow by at least that. */
    private static void exchangeBodies(TrafficCounters traffic, Connection c) throws Exception {
        long recv = traffic.recvOct();
        long recvCnt = traffic.recvCnt();
        Channel ch = c.createChannel();
        String q = ch.queueDeclare().getQueue();
        ch.confirmSelect();
        for (int i = 0; i < MESSAGES; i++) {
            ch.basicPublish("", q, null, new byte[BODY]);
        }
        ch.waitForConfirmsOrDie(10_000);
        long published = (long) MESSAGES * BODY;
        awaitAtLeast("recv_oct", () -> traffic.recvOct() - recv, published);
        assertThat(traffic.recvCnt()).isGreaterThan(recvCnt);

        long sent = traffic.sendOct();
        long sendCnt = traffic.sendCnt();
        CountDownLatch all = new CountDownLatch(MESSAGES);
        DeliverCallback onMessage = (tag, delivery) -> all.countDown();
        ch.basicConsume(q, true, onMessage, tag -> { });
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        awaitAtLeast("send_oct", () -> traffic.sendOct() - sent, published);
        assertThat(traffic.sendCnt()).isGreaterThan(sendCnt);
        // socket writes are flushes, not frames: fewer than the 3 frames of each delivery
        assertThat(traffic.sendCnt() - sendCnt).isLessThanOrEqualTo(3L * MESSAGES + 2);
    }

    private static ConnectionView view(FerryBroker broker, String connectionName) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (var snapshot : broker.management().connections()) {
                if (connectionName.equals(snapshot.connection().clientProperties().get("connection_name"))) {
                    return snapshot.connection();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no connection " + connectionName);
    }

    private static void awaitAtLeast(String what, LongSupplier value, long wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsLong() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(value.getAsLong()).as(what).isGreaterThanOrEqualTo(wanted);
    }

    private static ConnectionFactory factory(int port) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(port);
        f.setConnectionTimeout(5_000);
        f.setHandshakeTimeout(5_000);
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }
}
