package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;

import javax.naming.Context;
import javax.naming.InitialContext;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.TlsListener;
import org.ferrymq.broker.it.support.TestCertificates;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code amqps://} transport against FerryMQ's TLS listener: the broker's certificate is
 * checked (CA and host name) against a PEM trust file or the JVM's default trust, and a client
 * certificate comes from a PKCS#12 key store when the broker asks for one. Certificates are made
 * by the broker's {@link TestCertificates} (openssl).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmqpsTransportIT {
    @TempDir
    static Path certDir;
    static TestCertificates certs;

    @TempDir
    Path dataDir;

    private FerryBroker broker;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(certDir);
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private String startBroker(TlsListener tls) {
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).configure(b -> b.tls(tls)).start();
        return "amqps://guest:guest@127.0.0.1:" + broker.amqpsPort();
    }

    private FerryConnectionFactory factory(String uri) {
        return new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri(uri).automaticRecovery(false).build());
    }

    private static void sendAndReceivePersistent(ConnectionFactory factory, String text) throws JMSException {
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createTemporaryQueue();
            MessageConsumer consumer = s.createConsumer(q);
            MessageProducer producer = s.createProducer(q);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(s.createTextMessage(text));
            TextMessage got = (TextMessage) consumer.receive(5_000);
            assertNotNull(got);
            assertEquals(text, got.getText());
        }
    }

    @Test
    void sendsAndReceivesOverTlsTrustingTheCaFromAPemFile() throws Exception {
        FerryConnectionFactory f = factory(startBroker(TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), certs.serverKey())));
        f.setTrustStore(certs.caCert().toString());
        sendAndReceivePersistent(f, "order 42 over TLS");
    }

    @Test
    void theJvmsDefaultTrustDoesNotKnowATestCaSoTheConnectionIsRefusedWithTheReason() {
        FerryConnectionFactory f = factory(startBroker(TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), certs.serverKey())));
        JMSException e = assertThrows(JMSException.class, f::createConnection);
        assertTrue(stackTrace(e).contains("PKIX"), stackTrace(e));
    }

    @Test
    void aBrokerThatChecksClientCertificatesAcceptsTheKeyStoresCertificateOnly() throws Exception {
        String uri = startBroker(new TlsListener("127.0.0.1", 0, certs.serverCert(), certs.serverKey(), certs.caCert(), true, true));
        FerryConnectionFactory without = factory(uri);
        without.setTrustStore(certs.caCert().toString());
        assertThrows(JMSException.class, without::createConnection);

        FerryConnectionFactory with = factory(uri);
        with.setTrustStore(certs.caCert().toString());
        with.setKeyStore(certs.clientKeyStore("changeit").toString());
        with.setKeyStorePassword("changeit");
        sendAndReceivePersistent(with, "mutual TLS");
    }

    @Test
    void jndiConfiguresTheTrustStore() throws Exception {
        String uri = startBroker(TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), certs.serverKey()));
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "org.ferrymq.jms.jndi.FerryInitialContextFactory");
        env.put("connectionFactory.secure", uri);
        env.put("connectionFactory.secure.trustStore", certs.caCert().toString());
        env.put("connectionFactory.secure.automaticRecovery", "false");
        ConnectionFactory f = (ConnectionFactory) new InitialContext(env).lookup("secure");
        sendAndReceivePersistent(f, "configured by JNDI");
    }

    @Test
    void anUnreadableTrustStoreIsAClearError() {
        FerryConnectionFactory f = factory(startBroker(TlsListener.serverOnly("127.0.0.1", 0, certs.serverCert(), certs.serverKey())));
        f.setTrustStore(certDir.resolve("missing.pem").toString());
        JMSException e = assertThrows(JMSException.class, f::createConnection);
        assertTrue(e.getMessage().contains("cannot set up TLS") && e.getMessage().contains("missing.pem"), e.getMessage());
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
