package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.TlsListener;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AMQPS: AMQP 0-9-1 over TLS on a listener of its own, as RabbitMQ's {@code listeners.ssl}, with
 * the RabbitMQ Java client. Certificates come from {@link TestCertificates} (openssl). Embedded
 * FerryMQ only: the shared RabbitMQ peer has no TLS listener.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsListenerIT {
    @TempDir
    static Path certDir;
    static TestCertificates certs;

    @TempDir
    Path dataDir;

    private FerryBroker broker;

    @BeforeAll
    static void certificates() throws Exception {
        assumeTrue(BrokerTarget.externalUri() == null, "TLS listener: embedded FerryMQ only");
        certs = TestCertificates.create(certDir);
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private FerryBroker start(TlsListener tls) {
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).configure(b -> b.tls(tls)).start();
        return broker;
    }

    private TlsListener serverOnly() {
        return TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), certs.serverKey());
    }

    private ConnectionFactory tlsFactory(SSLContext context) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpsPort());
        f.useSslProtocol(context);
        f.enableHostnameVerification();
        f.setConnectionTimeout(5_000);
        f.setHandshakeTimeout(5_000);
        f.setAutomaticRecoveryEnabled(false);
        return f;
    }

    private static void roundTrip(Connection c, String text) throws Exception {
        Channel ch = c.createChannel();
        String q = ch.queueDeclare().getQueue();
        ch.basicPublish("", q, null, text.getBytes(StandardCharsets.UTF_8));
        GetResponse got = null;
        for (int i = 0; i < 50 && got == null; i++) {
            got = ch.basicGet(q, true);
            if (got == null) {
                Thread.sleep(20);
            }
        }
        assertThat(got).isNotNull();
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void publishAndConsumeOverTlsWithHostnameVerificationWhileThePlainListenerKeepsWorking() throws Exception {
        start(serverOnly());
        assertThat(broker.amqpsPort()).isPositive().isNotEqualTo(broker.amqpPort());
        try (Connection tls = tlsFactory(certs.clientContext(false)).newConnection()) {
            roundTrip(tls, "over TLS");
            assertThat(tls.getServerProperties()).containsKey("capabilities");
        }
        ConnectionFactory plain = new ConnectionFactory();
        plain.setUri(broker.amqpUri());
        try (Connection c = plain.newConnection()) {
            roundTrip(c, "in the clear");
        }
    }

    /** pika, as our Python users run it: pika.SSLOptions with a context that trusts the CA and checks the host name. */
    private static final String PIKA_OVER_TLS = String.join("\n",
            "import os, ssl, pika",
            "context = ssl.create_default_context(cafile=os.environ['CA'])",
            "params = pika.ConnectionParameters(host='localhost', port=int(os.environ['PORT']),",
            "    ssl_options=pika.SSLOptions(context, 'localhost'))",
            "connection = pika.BlockingConnection(params)",
            "channel = connection.channel()",
            "channel.queue_declare(queue='tls-hello')",
            "channel.basic_publish(exchange='', routing_key='tls-hello', body=b'Hello over TLS')",
            "method, properties, body = channel.basic_get(queue='tls-hello', auto_ack=True)",
            "print(body.decode())",
            "connection.close()");

    @Test
    void pikaPublishesAndGetsOverTls() throws Exception {
        start(serverOnly().withPort(0));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", PIKA_OVER_TLS).redirectErrorStream(true);
        pb.environment().put("CA", certs.caCert().toString());
        pb.environment().put("PORT", Integer.toString(broker.amqpsPort()));
        Process python = pb.start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("Hello over TLS");
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCertificateCannotConnectAndOthersAreUnaffected() throws Exception {
        start(serverOnly());
        assertThatThrownBy(() -> tlsFactory(SSLContext.getDefault()).newConnection().close())
                .hasStackTraceContaining("PKIX");
        try (Connection tls = tlsFactory(certs.clientContext(false)).newConnection()) {
            roundTrip(tls, "still serving");
        }
    }

    @Test
    void aPlainAmqpClientOnTheTlsPortIsRefusedAndOthersAreUnaffected() throws Exception {
        start(serverOnly());
        ConnectionFactory plain = new ConnectionFactory();
        plain.setHost("127.0.0.1");
        plain.setPort(broker.amqpsPort());
        plain.setConnectionTimeout(5_000);
        plain.setHandshakeTimeout(5_000);
        plain.setAutomaticRecoveryEnabled(false);
        long started = System.nanoTime();
        assertThatThrownBy(() -> plain.newConnection().close()).isInstanceOf(Exception.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("refused at once, not timed out")
                .isLessThan(4_000);
        try (Connection tls = tlsFactory(certs.clientContext(false)).newConnection()) {
            roundTrip(tls, "still serving");
        }
    }

    @Test
    void withVerifyPeerAndFailIfNoPeerCertOnlyClientsWithATrustedCertificateGetIn() throws Exception {
        start(new TlsListener("127.0.0.1", 0, certs.serverCert(), certs.serverKey(), certs.caCert(), true, true));
        assertThatThrownBy(() -> tlsFactory(certs.clientContext(false)).newConnection().close())
                .isInstanceOf(Exception.class);
        try (Connection withCert = tlsFactory(certs.clientContext(true)).newConnection()) {
            roundTrip(withCert, "mutual TLS");
        }
    }

    @Test
    void aTraditionalRsaKeyFailsTheStartWithTheCommandThatConvertsIt() throws Exception {
        Path pkcs1 = certs.traditionalServerKey();
        assertThatThrownBy(() -> start(TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), pkcs1)))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1);
        broker = null;
    }

    @Test
    void aKeyThatIsNotAKeyFailsTheStartNamingTheFiles() {
        assertThatThrownBy(() -> start(TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), certs.caCert())))
                .hasMessageContaining("cannot set up the TLS listener from certfile " + certs.serverCert());
        broker = null;
    }

    @Test
    void aTlsPortInUseFailsTheStartNamingThatPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start(serverOnly().withPort(taken.getLocalPort())))
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ":");
            broker = null;
        }
    }
}
