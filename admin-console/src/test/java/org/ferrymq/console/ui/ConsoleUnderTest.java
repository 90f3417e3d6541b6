package org.ferrymq.console.ui;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.TlsListener;
import org.ferrymq.broker.it.support.TestCertificates;
import org.ferrymq.console.ConsoleServer;
import org.ferrymq.console.ConsoleSettings;

/**
 * A broker (AMQP and AMQPS on free loopback ports, a fresh data directory, certificates from
 * {@link TestCertificates}, client certificates asked for but optional) with its console server
 * (HTTP on a free loopback port) for a browser test class, and a small HTTP API client to set
 * up and check what the browser did.
 */
final class ConsoleUnderTest implements AutoCloseable {
    private final Path dataDir;
    private final FerryBroker broker;
    private final ConsoleServer console;
    private final TestCertificates certificates;

    private ConsoleUnderTest(Path dataDir, FerryBroker broker, ConsoleServer console, TestCertificates certificates) {
        this.dataDir = dataDir;
        this.broker = broker;
        this.console = console;
        this.certificates = certificates;
    }

    static ConsoleUnderTest start() throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("ferrymq-console-ui");
        TestCertificates certificates = TestCertificates.create(Files.createDirectories(dataDir.resolve("pki")));
        TlsListener tls = new TlsListener("127.0.0.1", 0, certificates.serverCert(), certificates.serverKey(),
                certificates.caCert(), true, false);
        FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir.resolve("store"))
                .configure(c -> c.tls(tls)).start();
        try {
            ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0));
            return new ConsoleUnderTest(dataDir, broker, console, certificates);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + console.port();
    }

    String amqpUri() {
        return broker.amqpUri();
    }

    int amqpsPort() {
        return broker.amqpsPort();
    }

    TestCertificates certificates() {
        return certificates;
    }

    Http http(String user, String password) {
        return new Http(baseUrl(), user, password);
    }

    @Override
    public void close() {
        try {
            console.close();
        } finally {
            broker.close();
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }
    }

    /** The HTTP API as the tools call it: Basic auth, JSON bodies. */
    static final class Http {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String authorization;

        Http(String base, String user, String password) {
            this.base = base;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
        }

        String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = send("GET", path, null);
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }

        void put(String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> response = send("PUT", path, json);
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        }

        int status(String method, String path) throws IOException, InterruptedException {
            return send(method, path, null).statusCode();
        }

        private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
