package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.TlsListener;
import org.ferrymq.broker.it.support.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RabbitMQ's TLS fields of a connection over the HTTP API ({@code ssl}, {@code ssl_protocol},
 * {@code ssl_key_exchange}, {@code ssl_cipher}, {@code ssl_hash}, {@code peer_cert_subject},
 * {@code peer_cert_issuer}, {@code peer_cert_validity}): AMQPS connections of the RabbitMQ Java
 * client, each held to one protocol and cipher suite, with and without a client certificate
 * (a broker that asks for one but does not insist); and a plain connection's fields, the same as
 * on the RabbitMQ 3.10 node with management when {@code RABBITMQ_MGMT_URI} names it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AmqpsConnectionFieldsIT {
    private static final List<String> TLS_FIELDS = List.of("ssl", "ssl_protocol", "ssl_key_exchange", "ssl_cipher",
            "ssl_hash", "peer_cert_subject", "peer_cert_issuer", "peer_cert_validity");

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static FerryBroker broker;
    static ConsoleFixture http;

    @BeforeAll
    static void start() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        certs = TestCertificates.create(pki);
        TlsListener tls = new TlsListener("127.0.0.1", 0, certs.serverCert(), certs.serverKey(), certs.caCert(), true, false);
        http = new ConsoleFixture(dir.resolve("data"), c -> c.tls(tls));
        broker = http.broker;
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}, client certificate: {2}")
    @CsvSource({
            "TLSv1.3, TLS_AES_128_GCM_SHA256,                false, tlsv1.3, any,       aes_128_gcm,  aead",
            "TLSv1.3, TLS_AES_256_GCM_SHA384,                true,  tlsv1.3, any,       aes_256_gcm,  aead",
            "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, true,  tlsv1.2, ecdhe_rsa, aes_256_gcm,  aead",
            "TLSv1.2, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,    false, tlsv1.2, ecdhe_rsa, aes_128_cbc,  sha"})
    void anAmqpsConnectionShowsItsSessionAsRabbitMqDoes(String protocol, String suite, boolean clientCertificate,
                                                         String sslProtocol, String keyExchange, String cipher, String hash)
            throws Exception {
        String name = "amqps-" + UUID.randomUUID();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpsPort());
        factory.setConnectionTimeout(10_000);
        factory.useSslProtocol(certs.clientContext(clientCertificate));
        factory.setSocketConfigurator(socket -> {
            SSLSocket ssl = (SSLSocket) socket;
            ssl.setEnabledProtocols(new String[] {protocol});
            ssl.setEnabledCipherSuites(new String[] {suite});
        });
        try (Connection connection = factory.newConnection(name)) {
            JsonNode shown = connectionNamed(name);
            assertThat(shown.get("ssl").asBoolean()).isTrue();
            assertThat(shown.get("ssl_protocol").asText()).isEqualTo(sslProtocol);
            assertThat(shown.get("ssl_key_exchange").asText()).isEqualTo(keyExchange);
            assertThat(shown.get("ssl_cipher").asText()).isEqualTo(cipher);
            assertThat(shown.get("ssl_hash").asText()).isEqualTo(hash);
            if (clientCertificate) {
                X509Certificate cert = certificate(certs.clientCert());
                // RFC 4514 order, last RDN first: /CN=ferrymq-test-client/O=client
                assertThat(shown.get("peer_cert_subject").asText()).isEqualTo("O=client,CN=ferrymq-test-client");
                assertThat(shown.get("peer_cert_issuer").asText()).isEqualTo("CN=FerryMQ test CA");
                assertThat(shown.get("peer_cert_validity").asText()).isEqualTo(
                        DateTimeFormatter.ISO_INSTANT.format(cert.getNotBefore().toInstant()) + " - "
                                + DateTimeFormatter.ISO_INSTANT.format(cert.getNotAfter().toInstant()));
                assertThat(shown.get("peer_cert_validity").asText()).matches(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ - \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            } else {
                assertThat(shown.get("peer_cert_subject").isNull()).as("no client certificate: null").isTrue();
                assertThat(shown.get("peer_cert_issuer").isNull()).isTrue();
                assertThat(shown.get("peer_cert_validity").isNull()).isTrue();
            }
            // the same fields in the single connection, the vhost's list and a columns= list
            String encoded = URLEncoder.encode(shown.get("name").asText(), StandardCharsets.UTF_8).replace("+", "%20");
            JsonNode single = http.getJson("/api/connections/" + encoded);
            JsonNode ofVhost = find(http.getJson("/api/vhosts/%2F/connections"), name);
            JsonNode columns = find(http.getJson("/api/connections?columns=name,client_properties," + String.join(",", TLS_FIELDS)), name);
            for (String field : TLS_FIELDS) {
                assertThat(single.get(field)).as(field).isEqualTo(shown.get(field));
                assertThat(ofVhost.get(field)).as(field).isEqualTo(shown.get(field));
                assertThat(columns.get(field)).as(field).isEqualTo(shown.get(field));
            }
        }
    }

    /** ssl false and the seven others null, on FerryMQ and, when it runs, on RabbitMQ 3.10 with management. */
    @Test
    void aPlainConnectionHasSslFalseAndTheRestNullAsOnRabbitMq() throws Exception {
        List<ManagementTarget> targets = ferrymqAndRabbitmqIfRunning();
        Map<String, Map<String, JsonNode>> fieldsByBroker = new LinkedHashMap<>();
        for (ManagementTarget target : targets) {
            String name = "plain-" + UUID.randomUUID();
            try (Connection ignored = target.amqp().newConnection(name)) {
                JsonNode shown = awaitOn(target, name);
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                for (String field : TLS_FIELDS) {
                    assertThat(shown.has(field)).as(target + " has " + field).isTrue();
                    fields.put(field, shown.get(field));
                }
                fieldsByBroker.put(target.name(), fields);
            }
        }
        Map<String, JsonNode> ours = fieldsByBroker.get("FerryMQ");
        assertThat(ours.get("ssl").isBoolean() && !ours.get("ssl").asBoolean()).as("ssl is false").isTrue();
        assertThat(ours.entrySet()).filteredOn(e -> !e.getKey().equals("ssl")).allSatisfy(e ->
                assertThat(e.getValue().isNull()).as(e.getKey() + " is null").isTrue());
        if (fieldsByBroker.containsKey("RabbitMQ")) {
            assertThat(ours).isEqualTo(fieldsByBroker.get("RabbitMQ"));
        }
    }

    /** auth_mechanism is the one the client logged in with (PLAIN or AMQPLAIN), on FerryMQ as on RabbitMQ 3.10. */
    @Test
    void theLoginMechanismIsTheOneTheClientUsed() throws Exception {
        List<ManagementTarget> targets = ferrymqAndRabbitmqIfRunning();
        for (ManagementTarget target : targets) {
            ConnectionFactory amqplain = target.amqp();
            amqplain.setSaslConfig(org.ferrymq.broker.it.support.Amqplain.CONFIG);
            String plainName = "plain-login-" + UUID.randomUUID();
            String amqplainName = "amqplain-login-" + UUID.randomUUID();
            try (Connection plain = target.amqp().newConnection(plainName);
                 Connection old = amqplain.newConnection(amqplainName)) {
                assertThat(awaitOn(target, plainName).path("auth_mechanism").asText()).as(target + " PLAIN").isEqualTo("PLAIN");
                assertThat(awaitOn(target, amqplainName).path("auth_mechanism").asText()).as(target + " AMQPLAIN")
                        .isEqualTo("AMQPLAIN");
            }
        }
    }

    /** FerryMQ, and the RabbitMQ 3.10 node with management when RABBITMQ_MGMT_URI names it. */
    private static List<ManagementTarget> ferrymqAndRabbitmqIfRunning() {
        List<ManagementTarget> targets = new ArrayList<>(List.of(ManagementTarget.ferrymq(http)));
        ManagementTarget rabbit = ManagementTarget.rabbitmqOrNull();
        if (rabbit != null) {
            targets.add(rabbit);
        }
        return targets;
    }

    private static JsonNode connectionNamed(String clientName) throws Exception {
        return awaitOn(ManagementTarget.ferrymq(http), clientName);
    }

    /** The connection whose client named it {@code clientName}, once the target lists it (RabbitMQ: after its stats interval). */
    private static JsonNode awaitOn(ManagementTarget target, String clientName) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.http.send(java.net.http.HttpRequest.newBuilder(target.http().resolve("/api/connections"))
                    .header("Authorization", ConsoleFixture.basic("guest", "guest"))
                    .timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode found = find(ConsoleFixture.JSON.readTree(r.body()), clientName);
            if (found != null) {
                return found;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(target + " never listed the connection " + clientName);
    }

    private static JsonNode find(JsonNode connections, String clientName) {
        for (JsonNode c : connections) {
            if (clientName.equals(c.path("client_properties").path("connection_name").asText())) {
                return c;
            }
        }
        return null;
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
