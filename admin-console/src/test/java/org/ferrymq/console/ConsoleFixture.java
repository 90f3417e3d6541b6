package org.ferrymq.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.security.PasswordHash;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;

/** A broker with its console on free loopback ports, and a plain JDK HTTP client to call it. */
final class ConsoleFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final FerryBroker broker;
    final ConsoleServer console;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleFixture(Path dataDir) {
        this(dataDir, c -> { });
    }

    /** With {@code more} broker configuration on top of the users (an AMQPS listener, say). */
    ConsoleFixture(Path dataDir, Consumer<BrokerConfig.Builder> more) {
        broker = FerryBroker.builder().amqpPort(0).dataDir(dataDir).configure(more).configure(c -> c
                .addUser(new UserDefinition("admin", PasswordHash.create("admin-pw"), java.util.Set.of("administrator")))
                .addPermission(PermissionDefinition.all("admin", "/"))
                .addUser(new UserDefinition("watcher", PasswordHash.create("watch-pw"), java.util.Set.of("monitoring")))
                .addUser(new UserDefinition("app", PasswordHash.create("app-pw"), java.util.Set.of()))
                .addPermission(PermissionDefinition.all("app", "/"))).start();
        console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0).withStaticRoot("/console-test")
                .withMaxBodyBytes(64 * 1024));
    }

    URI uri(String path) {
        return console.uri().resolve(path);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> call(String method, String path, String body, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return call(method, path, body, "admin", "admin-pw");
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = admin("GET", path, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        console.close();
        broker.close();
    }
}
