package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.TlsListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over HTTPS with PEM files, as the AMQPS listener takes them: a client trusting the
 * CA gets the API, a plain-HTTP request on the port gets nothing, and with
 * {@code verify}/{@code fail_if_no_peer_cert} a client without a certificate is refused in the
 * handshake. The PKI is made by Debian's {@code openssl} for each run.
 */
@Timeout(120)
class ConsoleHttpsIT {
    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=console test CA",
                "-keyout", "ca-key.pem", "-out", "ca.pem");
        signed("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        signed("client", "/CN=console-test-client", "extendedKeyUsage=clientAuth");
    }

    @Test
    void servesTheApiOverHttpsOnly() throws Exception {
        TlsListener tls = TlsListener.serverOnly("127.0.0.1", 0, dir.resolve("server.pem"), dir.resolve("server-key.pem"));
        try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir.resolve("data1")).start();
             ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0).withTls(tls))) {
            assertThat(console.uri().getScheme()).isEqualTo("https");
            assertThat(console.port()).isPositive();
            HttpResponse<String> r = get(client(false), console.uri().resolve("/api/whoami"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"guest\"");
            // the overview names the listener as https, as RabbitMQ's contexts do
            assertThat(get(client(false), console.uri().resolve("/api/overview")).body()).contains("\"port\":\"" + console.port() + "\"");
            // plain HTTP on the same port is not served
            URI plain = URI.create("http://127.0.0.1:" + console.port() + "/api/whoami");
            boolean refused;
            try {
                refused = get(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), plain).statusCode() != 200;
            } catch (IOException e) {
                refused = true;
            }
            assertThat(refused).as("plain HTTP answered on the HTTPS port").isTrue();
        }
    }

    @Test
    void withVerifyAndFailIfNoPeerCertAClientCertificateIsRequired() throws Exception {
        TlsListener tls = new TlsListener("127.0.0.1", 0, dir.resolve("server.pem"), dir.resolve("server-key.pem"),
                dir.resolve("ca.pem"), true, true);
        try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir.resolve("data2")).start();
             ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0).withTls(tls))) {
            URI whoami = console.uri().resolve("/api/whoami");
            assertThatThrownBy(() -> get(client(false), whoami)).isInstanceOf(IOException.class);
            assertThat(get(client(true), whoami).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnreadableKeyStopsTheStartNamingTheProblem() throws Exception {
        Path garbage = dir.resolve("garbage-key.pem");
        Files.writeString(garbage, "not a key\n");
        TlsListener tls = TlsListener.serverOnly("127.0.0.1", 0, dir.resolve("server.pem"), garbage);
        try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir.resolve("data3")).start()) {
            assertThatThrownBy(() -> ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0).withTls(tls)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("management.ssl");
        }
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", ConsoleFixture.basic("guest", "guest")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(boolean withCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificate(dir.resolve("ca.pem")));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key(dir.resolve("client-key.pem")), new char[0],
                    new Certificate[] {certificate(dir.resolve("client.pem"))});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey key(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static void signed(String name, String subject, String extension) throws Exception {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + "-key.pem", "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }
}
