package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions across brokers: a topology made on FerryMQ (a vhost, users with tags and passwords,
 * permissions, exchanges with arguments, queues with arguments, queue and exchange bindings with
 * arguments) is exported, imported into the real RabbitMQ 3.10 with its management plugin,
 * exported from RabbitMQ, and imported into a fresh FerryMQ after a dry run that lists exactly
 * those objects, all to create. The three exports describe the same topology and the users log in
 * over AMQP with their passwords on all three brokers. Only this test's own vhost and users go to
 * the shared RabbitMQ, and they are deleted afterwards.
 */
@Timeout(120)
class DefinitionsRoundTripIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();   // RabbitMQ's server drops an h2c upgrade carrying a body

    @TempDir
    Path dir;

    private static HttpResponse<String> call(URI base, String user, String password, String method, String path,
                                             String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", ConsoleFixture.basic(user, password)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> r, String what) throws Exception {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isBetween(200, 204);
        return r.body().isEmpty() ? null : ConsoleFixture.JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void aTopologyGoesToRabbitMqAndBackUnchanged() throws Exception {
        ManagementTarget rabbit = ManagementTarget.rabbitmqOrNull();
        assumeTrue(rabbit != null || System.getenv("CI") != null, "RABBITMQ_MGMT_URI not set");
        assertThat(rabbit).as("RABBITMQ_MGMT_URI must be set on CI").isNotNull();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String vhost = "roundtrip-" + id;
        String operator = "rt-" + id + "-operator";
        String watcher = "rt-" + id + "-watcher";
        Set<String> users = Set.of(operator, watcher);
        URI rabbitHttp = rabbit.http();

        JsonNode fromFerry;
        try (ConsoleFixture source = new ConsoleFixture(dir.resolve("source"))) {
            URI a = source.console.uri();
            String v = enc(vhost);
            ok(call(a, "admin", "admin-pw", "PUT", "/api/vhosts/" + v, null), "vhost");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/users/" + operator,
                    "{\"password\":\"op-secret\",\"tags\":\"management,policymaker\"}"), "user");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/users/" + watcher,
                    "{\"password\":\"watch-secret\",\"tags\":\"monitoring\"}"), "user");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/permissions/" + v + "/" + operator,
                    "{\"configure\":\"^orders.*\",\"write\":\".*\",\"read\":\"^(orders|audit).*\"}"), "permission");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/permissions/" + v + "/" + watcher,
                    "{\"configure\":\"\",\"write\":\"\",\"read\":\".*\"}"), "permission");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/exchanges/" + v + "/orders.unrouted",
                    "{\"type\":\"fanout\",\"durable\":true}"), "exchange");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/exchanges/" + v + "/orders",
                    "{\"type\":\"topic\",\"durable\":true,\"arguments\":{\"alternate-exchange\":\"orders.unrouted\"}}"), "exchange");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/exchanges/" + v + "/orders.by-region",
                    "{\"type\":\"headers\",\"durable\":true,\"internal\":true}"), "exchange");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/exchanges/" + v + "/orders.dlx",
                    "{\"type\":\"direct\",\"durable\":true}"), "exchange");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/queues/" + v + "/orders.eu",
                    "{\"durable\":true,\"arguments\":{\"x-message-ttl\":60000,\"x-max-length\":1000,"
                            + "\"x-dead-letter-exchange\":\"orders.dlx\",\"x-dead-letter-routing-key\":\"dead\"}}"), "queue");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/queues/" + v + "/orders.dead",
                    "{\"durable\":true,\"arguments\":{\"x-max-priority\":5}}"), "queue");
            ok(call(a, "admin", "admin-pw", "PUT", "/api/queues/" + v + "/audit",
                    "{\"durable\":true,\"arguments\":{}}"), "queue");
            ok(call(a, "admin", "admin-pw", "POST", "/api/bindings/" + v + "/e/orders/e/orders.by-region",
                    "{\"routing_key\":\"order.#\",\"arguments\":{}}"), "e2e binding");
            ok(call(a, "admin", "admin-pw", "POST", "/api/bindings/" + v + "/e/orders.by-region/q/orders.eu",
                    "{\"routing_key\":\"\",\"arguments\":{\"x-match\":\"all\",\"region\":\"eu\"}}"), "headers binding");
            ok(call(a, "admin", "admin-pw", "POST", "/api/bindings/" + v + "/e/orders.dlx/q/orders.dead",
                    "{\"routing_key\":\"dead\",\"arguments\":{}}"), "binding");
            ok(call(a, "admin", "admin-pw", "POST", "/api/bindings/" + v + "/e/orders.unrouted/q/audit",
                    "{\"routing_key\":\"\",\"arguments\":{}}"), "binding");
            fromFerry = ok(call(a, "admin", "admin-pw", "GET", "/api/definitions", null), "FerryMQ export");
        }
        Map<String, Object> expected = topology(fromFerry, vhost, users);
        assertThat((List<?>) expected.get("exchanges")).hasSize(4);
        assertThat((List<?>) expected.get("queues")).hasSize(3);
        assertThat((List<?>) expected.get("bindings")).hasSize(4);

        try {
            // FerryMQ -> RabbitMQ: only this test's objects (RabbitMQ's node is shared)
            ok(call(rabbitHttp, "guest", "guest", "POST", "/api/definitions", only(fromFerry, vhost, users).toString()),
                    "RabbitMQ import");
            JsonNode fromRabbit = ok(call(rabbitHttp, "guest", "guest", "GET", "/api/definitions", null), "RabbitMQ export");
            assertThat(topology(fromRabbit, vhost, users)).as("RabbitMQ holds what FerryMQ exported").isEqualTo(expected);
            login(rabbit.amqpHost(), rabbit.amqpPort(), operator, "op-secret", vhost);

            // RabbitMQ -> a fresh FerryMQ: the dry run first, then the import
            try (ConsoleFixture target = new ConsoleFixture(dir.resolve("target"))) {
                URI b = target.console.uri();
                String file = only(fromRabbit, vhost, users).toString();
                JsonNode dry = ok(call(b, "admin", "admin-pw", "POST", "/api/ferrymq/definitions/dry-run", file), "dry run");
                assertThat(dry.get("problems")).isEmpty();
                Set<String> planned = new TreeSet<>();
                for (JsonNode c : dry.get("changes")) {
                    assertThat(c.get("action").asText()).as(c.toString()).isEqualTo("create");
                    planned.add(c.get("kind").asText() + " " + c.get("name").asText());
                }
                assertThat(planned).containsExactlyInAnyOrderElementsOf(expectedChanges(expected, vhost));
                assertThat(target.admin("GET", "/api/vhosts/" + enc(vhost), null).statusCode())
                        .as("the dry run created nothing").isEqualTo(404);

                ok(call(b, "admin", "admin-pw", "POST", "/api/definitions", file), "FerryMQ import");
                JsonNode back = ok(call(b, "admin", "admin-pw", "GET", "/api/definitions", null), "FerryMQ export again");
                assertThat(topology(back, vhost, users)).as("back on FerryMQ, the same topology").isEqualTo(expected);
                login("127.0.0.1", target.broker.amqpPort(), operator, "op-secret", vhost);
                login("127.0.0.1", target.broker.amqpPort(), watcher, "watch-secret", vhost);
                JsonNode again = ok(call(b, "admin", "admin-pw", "POST", "/api/ferrymq/definitions/dry-run", file),
                        "second dry run");
                for (JsonNode c : again.get("changes")) {
                    assertThat(c.get("action").asText()).as("imported once: " + c).isEqualTo("unchanged");
                }
            }
        } finally {
            call(rabbitHttp, "guest", "guest", "DELETE", "/api/vhosts/" + enc(vhost), null);
            for (String u : users) {
                call(rabbitHttp, "guest", "guest", "DELETE", "/api/users/" + u, null);
            }
        }
    }

    private static void login(String host, int port, String user, String password, String vhost) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername(user);
        f.setPassword(password);
        f.setVirtualHost(vhost);
        f.setConnectionTimeout(10_000);
        try (Connection c = f.newConnection()) {
            assertThat(c.isOpen()).isTrue();
        }
    }

    /** The file restricted to this test's vhost, its users and their permissions there. */
    private static ObjectNode only(JsonNode defs, String vhost, Set<String> users) {
        ObjectNode out = ConsoleFixture.JSON.createObjectNode();
        out.set("vhosts", filter(defs.get("vhosts"), n -> vhost.equals(n.path("name").asText())));
        out.set("users", filter(defs.get("users"), n -> users.contains(n.path("name").asText())));
        // RabbitMQ gives the user whose import creates a vhost (guest here) full permissions on it: not ours
        out.set("permissions", filter(defs.get("permissions"), n -> vhost.equals(n.path("vhost").asText())
                && users.contains(n.path("user").asText())));
        for (String kind : List.of("exchanges", "queues", "bindings")) {
            out.set(kind, filter(defs.get(kind), n -> vhost.equals(n.path("vhost").asText())));
        }
        return out;
    }

    private static ArrayNode filter(JsonNode list, java.util.function.Predicate<JsonNode> keep) {
        ArrayNode out = ConsoleFixture.JSON.createArrayNode();
        if (list != null) {
            list.forEach(n -> {
                if (keep.test(n)) {
                    out.add(n);
                }
            });
        }
        return out;
    }

    /** The topology of {@code vhost} in a definitions file, in a form that compares across brokers. */
    private static Map<String, Object> topology(JsonNode defs, String vhost, Set<String> users) {
        JsonNode mine = only(defs, vhost, users);
        Map<String, Object> t = new TreeMap<>();
        t.put("vhosts", sorted(mine.get("vhosts"), n -> n.get("name").asText()));
        t.put("users", sorted(mine.get("users"), n -> n.get("name").asText() + " tags=" + tags(n.get("tags"))
                + " hash=" + n.get("password_hash").asText() + " " + n.get("hashing_algorithm").asText()));
        t.put("permissions", sorted(mine.get("permissions"), n -> n.get("user").asText() + " c=" + n.get("configure").asText()
                + " w=" + n.get("write").asText() + " r=" + n.get("read").asText()));
        t.put("exchanges", sorted(mine.get("exchanges"), n -> n.get("name").asText() + " " + n.get("type").asText()
                + " durable=" + n.get("durable").asBoolean() + " auto_delete=" + n.get("auto_delete").asBoolean()
                + " internal=" + n.get("internal").asBoolean() + " args=" + args(n.get("arguments"))));
        t.put("queues", sorted(mine.get("queues"), n -> n.get("name").asText() + " durable=" + n.get("durable").asBoolean()
                + " auto_delete=" + n.get("auto_delete").asBoolean() + " args=" + args(n.get("arguments"))));
        t.put("bindings", sorted(mine.get("bindings"), n -> n.get("source").asText() + " -> "
                + n.get("destination").asText() + " (" + n.get("routing_key").asText() + ") to "
                + n.get("destination_type").asText() + " args=" + args(n.get("arguments"))));
        return t;
    }

    private static List<String> sorted(JsonNode list, java.util.function.Function<JsonNode, String> line) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(line.apply(n)));
        out.sort(null);
        return out;
    }

    /** Tags as a sorted set: RabbitMQ 3.10 writes a list, older files a comma-separated string. */
    private static Set<String> tags(JsonNode tags) {
        Set<String> out = new TreeSet<>();
        if (tags.isArray()) {
            tags.forEach(t -> out.add(t.asText()));
        } else if (!tags.asText().isEmpty()) {
            out.addAll(Arrays.asList(tags.asText().split(",")));
        }
        return out;
    }

    private static Map<String, String> args(JsonNode arguments) {
        Map<String, String> out = new TreeMap<>();
        arguments.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().toString()));
        return out;
    }

    /** "kind name" of every object the dry run must list, as FerryMQ names them. */
    @SuppressWarnings("unchecked")
    private static List<String> expectedChanges(Map<String, Object> topology, String vhost) {
        List<String> out = new ArrayList<>();
        out.add("vhost " + vhost);
        for (String u : (List<String>) topology.get("users")) {
            out.add("user " + u.substring(0, u.indexOf(' ')));
        }
        for (String p : (List<String>) topology.get("permissions")) {
            out.add("permission " + p.substring(0, p.indexOf(' ')));
        }
        for (String e : (List<String>) topology.get("exchanges")) {
            out.add("exchange " + e.substring(0, e.indexOf(' ')));
        }
        for (String q : (List<String>) topology.get("queues")) {
            out.add("queue " + q.substring(0, q.indexOf(' ')));
        }
        for (String b : (List<String>) topology.get("bindings")) {
            out.add("binding " + b.substring(0, b.indexOf(") to ") + 1));
        }
        return out;
    }
}
