package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Connection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Debian's {@code rabbitmqadmin} (the Python client from the rabbitmq-server package) run
 * against FerryMQ and against RabbitMQ 3.10 with its management plugin: the same commands, each
 * one's exit status and output checked the same way on both.
 */
@Timeout(240)
class RabbitmqadminIT {
    private static final Path RABBITMQADMIN = Path.of("/usr/bin/rabbitmqadmin");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static ConsoleFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ConsoleFixture(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Stream<ManagementTarget> targets() {
        return ManagementTarget.all(fixture).stream();
    }

    private record Result(int exit, String out) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Result run(ManagementTarget target, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", RABBITMQADMIN.toString(),
                "-H", target.http().getHost(), "-P", String.valueOf(target.http().getPort()),
                "-u", ManagementTarget.USER, "-p", ManagementTarget.PASSWORD));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out);
    }

    private static Result ok(ManagementTarget target, String... args) throws Exception {
        Result r = run(target, args);
        assertThat(r.exit()).as("%s: rabbitmqadmin %s\n%s", target, String.join(" ", args), r.out()).isZero();
        return r;
    }

    /** RabbitMQ's statistics lag by up to 5 s: ask until the answer is as expected. */
    private static JsonNode awaitJson(ManagementTarget target, java.util.function.Predicate<JsonNode> done,
                                      String... args) throws Exception {
        JsonNode last = null;
        for (int i = 0; i < 60; i++) {
            last = ok(target, args).json();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(target + ": rabbitmqadmin " + String.join(" ", args) + " never answered as expected: " + last);
    }

    private static JsonNode byName(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void declaresPublishesGetsAndDeletes(ManagementTarget target) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RABBITMQADMIN), "rabbitmqadmin is installed with rabbitmq-server");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "adm-x-" + id;
        String queue = "adm-q-" + id;

        assertThat(ok(target, "declare", "exchange", "name=" + exchange, "type=topic", "durable=false").out())
                .contains("exchange declared");
        assertThat(ok(target, "declare", "queue", "name=" + queue, "durable=false").out()).contains("queue declared");
        assertThat(ok(target, "declare", "binding", "source=" + exchange, "destination=" + queue,
                "routing_key=orders.#").out()).contains("binding declared");
        assertThat(ok(target, "publish", "exchange=" + exchange, "routing_key=orders.eu", "payload=hello admin").out())
                .contains("Message published");
        assertThat(ok(target, "publish", "exchange=" + exchange, "routing_key=nowhere", "payload=lost").out())
                .contains("NOT routed");

        JsonNode queues = awaitJson(target, list -> byName(list, "name", queue) != null
                && byName(list, "name", queue).path("messages").asInt() == 1, "-f", "raw_json", "list", "queues");
        assertThat(byName(queues, "name", queue).get("messages").asInt()).isEqualTo(1);
        JsonNode exchanges = ok(target, "-f", "raw_json", "list", "exchanges", "name", "type").json();
        assertThat(byName(exchanges, "name", exchange).get("type").asText()).isEqualTo("topic");
        JsonNode bindings = ok(target, "-f", "raw_json", "list", "bindings", "source", "destination", "routing_key").json();
        assertThat(byName(bindings, "source", exchange).get("routing_key").asText()).isEqualTo("orders.#");

        JsonNode got = ok(target, "-f", "raw_json", "get", "queue=" + queue, "ackmode=ack_requeue_false").json();
        assertThat(got.size()).isEqualTo(1);
        assertThat(got.get(0).get("payload").asText()).isEqualTo("hello admin");
        assertThat(got.get(0).get("routing_key").asText()).isEqualTo("orders.eu");
        assertThat(got.get(0).get("exchange").asText()).isEqualTo(exchange);

        ok(target, "publish", "routing_key=" + queue, "payload=to purge");
        awaitJson(target, list -> byName(list, "name", queue).path("messages").asInt() == 1, "-f", "raw_json", "list", "queues");
        assertThat(ok(target, "purge", "queue", "name=" + queue).out()).contains("queue purged");
        assertThat(ok(target, "-f", "raw_json", "get", "queue=" + queue).out().trim()).isEqualTo("[]");

        assertThat(ok(target, "delete", "binding", "source=" + exchange, "destination_type=queue",
                "destination=" + queue, "properties_key=orders.%23").out()).contains("binding deleted");
        assertThat(byName(ok(target, "-f", "raw_json", "list", "bindings").json(), "source", exchange)).isNull();
        assertThat(ok(target, "delete", "queue", "name=" + queue).out()).contains("queue deleted");
        assertThat(ok(target, "delete", "exchange", "name=" + exchange).out()).contains("exchange deleted");
        assertThat(byName(ok(target, "-f", "raw_json", "list", "queues").json(), "name", queue)).isNull();
        Result missing = run(target, "delete", "queue", "name=" + queue);
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.out()).contains("*** Not found: /api/queues/%2F/" + queue);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void managesVhostsUsersAndPermissions(ManagementTarget target) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RABBITMQADMIN), "rabbitmqadmin is installed with rabbitmq-server");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String vhost = "adm-vh-" + id;
        String user = "adm-user-" + id;
        assertThat(ok(target, "declare", "vhost", "name=" + vhost).out()).contains("vhost declared");
        assertThat(byName(ok(target, "-f", "raw_json", "list", "vhosts").json(), "name", vhost)).isNotNull();
        assertThat(ok(target, "declare", "user", "name=" + user, "password=s3cret", "tags=monitoring").out())
                .contains("user declared");
        JsonNode users = ok(target, "-f", "raw_json", "list", "users").json();
        assertThat(byName(users, "name", user).get("tags").toString()).contains("monitoring");
        assertThat(ok(target, "declare", "permission", "vhost=" + vhost, "user=" + user, "configure=^$",
                "write=.*", "read=.*").out()).contains("permission declared");
        JsonNode permissions = ok(target, "-f", "raw_json", "list", "permissions").json();
        JsonNode mine = byName(permissions, "user", user);
        assertThat(mine.get("vhost").asText()).isEqualTo(vhost);
        assertThat(mine.get("configure").asText()).isEqualTo("^$");

        // the new user logs in to the API with its own password and its monitoring tag
        List<String> asUser = new ArrayList<>(List.of("/usr/bin/python3", RABBITMQADMIN.toString(),
                "-H", target.http().getHost(), "-P", String.valueOf(target.http().getPort()),
                "-u", user, "-p", "s3cret", "-f", "raw_json", "show", "overview"));
        Process p = new ProcessBuilder(asUser).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(JSON.readTree(out).get(0).has("rabbitmq_version")).isTrue();

        assertThat(ok(target, "delete", "permission", "vhost=" + vhost, "user=" + user).out()).contains("permission deleted");
        assertThat(ok(target, "delete", "user", "name=" + user).out()).contains("user deleted");
        assertThat(ok(target, "delete", "vhost", "name=" + vhost).out()).contains("vhost deleted");
        assertThat(byName(ok(target, "-f", "raw_json", "list", "users").json(), "name", user)).isNull();
        assertThat(byName(ok(target, "-f", "raw_json", "list", "vhosts").json(), "name", vhost)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void showsOverviewListsAndClosesConnections(ManagementTarget target) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RABBITMQADMIN), "rabbitmqadmin is installed with rabbitmq-server");
        JsonNode overview = ok(target, "-f", "raw_json", "show", "overview").json().get(0);
        assertThat(overview.get("rabbitmq_version").asText()).startsWith("3.10");
        assertThat(overview.get("object_totals").get("queues").isNumber()).isTrue();
        assertThat(overview.get("queue_totals").has("messages")).isTrue();

        String id = "adm-conn-" + UUID.randomUUID().toString().substring(0, 8);
        Connection connection = target.amqp().newConnection(id);
        try {
            connection.createChannel();
            JsonNode connections = awaitJson(target, list -> byName(list, "user_provided_name", id) != null
                    || findByClientName(list, id) != null, "-f", "raw_json", "list", "connections");
            JsonNode mine = findByClientName(awaitJson(target, list -> findByClientName(list, id) != null
                    && findByClientName(list, id).path("channels").asInt() == 1, "-f", "raw_json", "list", "connections"), id);
            assertThat(mine.get("user").asText()).isEqualTo("guest");
            assertThat(mine.get("channels").asInt()).isEqualTo(1);
            awaitJson(target, list -> list.size() > 0, "-f", "raw_json", "list", "channels");
            // octets per connection, as an operator lists them: "list connections name recv_oct send_oct"
            String name = mine.get("name").asText();
            String[] row = awaitRow(target, name, "-f", "tsv", "list", "connections", "name", "recv_oct", "send_oct");
            assertThat(Long.parseLong(row[1])).as("recv_oct").isPositive();
            assertThat(Long.parseLong(row[2])).as("send_oct").isPositive();
            assertThat(ok(target, "close", "connection", "name=" + mine.get("name").asText()).out())
                    .contains("connection closed");
            long deadline = System.currentTimeMillis() + 10_000;
            while (connection.isOpen() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(connection.isOpen()).isFalse();
            assertThat(connection.getCloseReason().getMessage()).contains("CONNECTION_FORCED");
        } finally {
            connection.abort();
        }
    }

    /** The tab-separated row of {@code rabbitmqadmin -f tsv ...} whose first column is {@code name}, once its counts are in. */
    private static String[] awaitRow(ManagementTarget target, String name, String... args) throws Exception {
        String out = "";
        for (int i = 0; i < 60; i++) {
            out = ok(target, args).out();
            for (String line : out.split("\n")) {
                String[] cells = line.split("\t");
                // RabbitMQ fills its octet counts at its next statistics emission; until then empty
                if (cells.length == 3 && cells[0].equals(name) && cells[1].matches("[0-9]+") && !cells[1].equals("0")) {
                    return cells;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no row for " + name + " with octet counts in:\n" + out);
    }

    private static JsonNode findByClientName(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (name.equals(item.path("client_properties").path("connection_name").asText())) {
                return item;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void exportsAndImportsDefinitions(ManagementTarget target) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RABBITMQADMIN), "rabbitmqadmin is installed with rabbitmq-server");
        String id = UUID.randomUUID().toString().substring(0, 8);
        String queue = "adm-def-q-" + id;
        ok(target, "declare", "queue", "name=" + queue, "durable=true", "arguments={\"x-max-length\":10}");
        Path file = dir.resolve("definitions-" + target.name() + "-" + id + ".json");
        assertThat(ok(target, "export", file.toString()).out()).contains("Exported definitions");
        JsonNode definitions = JSON.readTree(file.toFile());
        JsonNode exported = byName(definitions.get("queues"), "name", queue);
        assertThat(exported.get("durable").asBoolean()).isTrue();
        assertThat(exported.get("arguments").get("x-max-length").asInt()).isEqualTo(10);
        assertThat(definitions.has("users")).isTrue();
        assertThat(definitions.has("permissions")).isTrue();

        ok(target, "delete", "queue", "name=" + queue);
        assertThat(byName(ok(target, "-f", "raw_json", "list", "queues").json(), "name", queue)).isNull();
        assertThat(ok(target, "import", file.toString()).out()).contains("Uploaded definitions");
        JsonNode back = byName(ok(target, "-f", "raw_json", "list", "queues").json(), "name", queue);
        assertThat(back).isNotNull();
        assertThat(back.get("arguments").get("x-max-length").asInt()).isEqualTo(10);
        ok(target, "delete", "queue", "name=" + queue);
    }
}
