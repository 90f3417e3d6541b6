package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Connection;
import com.rabbitmq.http.client.Client;
import com.rabbitmq.http.client.ClientParameters;
import com.rabbitmq.http.client.domain.ConnectionInfo;
import com.rabbitmq.http.client.domain.ExchangeInfo;
import com.rabbitmq.http.client.domain.InboundMessage;
import com.rabbitmq.http.client.domain.OutboundMessage;
import com.rabbitmq.http.client.domain.QueueInfo;
import com.rabbitmq.http.client.domain.UserPermissions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java {@code com.rabbitmq:http-client} against FerryMQ and RabbitMQ 3.10 with management,
 * each call checked the same way on both; and the JSON of each object kind compared field by
 * field: every field RabbitMQ sends is there in FerryMQ's answer with the same JSON type, except
 * the Erlang runtime's own ({@link #ERLANG_ONLY}).
 */
@Timeout(240)
class RabbitHttpClientIT {
    /** Fields about the Erlang VM or RabbitMQ's internals, which FerryMQ has no equivalent of. */
    private static final Set<String> ERLANG_ONLY = Set.of("garbage_collection", "reductions", "reductions_details",
            "memory", "backing_queue_status", "recoverable_slaves", "deliveries", "incoming", "statistics_db_event_queue",
            "idle_since", "send_pend", "pending_raft_commands", "acks_uncommitted");

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

    private static Client client(ManagementTarget target, String user, String password) throws Exception {
        return new Client(new ClientParameters().url(target.http().resolve("/api/").toURL()).username(user).password(password));
    }

    private static <T> T await(Supplier<T> call, java.util.function.Predicate<T> done) throws InterruptedException {
        T last = null;
        for (int i = 0; i < 60; i++) {
            last = call.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("never as expected: " + last);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theJavaClientWorksTheSameOnBoth(ManagementTarget target) throws Exception {
        Client client = client(target, ManagementTarget.USER, ManagementTarget.PASSWORD);
        String id = UUID.randomUUID().toString().substring(0, 8);
        String vhost = "hc-vh-" + id;
        String user = "hc-user-" + id;

        assertThat(client.whoAmI().getName()).isEqualTo("guest");
        assertThat(client.whoAmI().getTags()).contains("administrator");
        assertThat(client.getOverview().getRabbitMQVersion()).startsWith("3.10");
        assertThat(client.getOverview().getQueueTotals()).isNotNull();

        client.createVhost(vhost);
        assertThat(client.getVhost(vhost).getName()).isEqualTo(vhost);
        client.updatePermissions(vhost, "guest", new UserPermissions(".*", ".*", ".*"));
        client.declareExchange(vhost, "hc-x", new ExchangeInfo("topic", false, false));
        assertThat(client.getExchange(vhost, "hc-x").getType()).isEqualTo("topic");
        client.declareQueue(vhost, "hc-q", new QueueInfo(false, false, false, Map.of("x-max-length", 100)));
        QueueInfo queue = client.getQueue(vhost, "hc-q");
        assertThat(queue.isDurable()).isFalse();
        assertThat(queue.getArguments()).containsEntry("x-max-length", 100);
        client.bindQueue(vhost, "hc-q", "hc-x", "k.#");
        assertThat(client.getQueueBindingsBetween(vhost, "hc-x", "hc-q")).hasSize(1);
        assertThat(client.getBindingsBySource(vhost, "hc-x").get(0).getRoutingKey()).isEqualTo("k.#");

        assertThat(client.publish(vhost, "hc-x", "k.1", new OutboundMessage().payload("hello http").utf8Encoded()))
                .isTrue();
        assertThat(client.publish(vhost, "hc-x", "none", new OutboundMessage().payload("lost").utf8Encoded())).isFalse();
        await(() -> client.getQueue(vhost, "hc-q").getMessagesReady(), n -> n == 1);
        InboundMessage got = client.get(vhost, "hc-q");
        assertThat(got.getPayload()).isEqualTo("hello http");
        assertThat(got.getRoutingKey()).isEqualTo("k.1");
        assertThat(client.alivenessTest(vhost)).isTrue();

        client.createUser(user, "hc-pw".toCharArray(), List.of("management"));
        UserPermissions limited = new UserPermissions();
        limited.setConfigure("^$");
        limited.setWrite(".*");
        limited.setRead(".*");
        client.updatePermissions(vhost, user, limited);
        assertThat(client.getPermissions(vhost, user).getConfigure()).isEqualTo("^$");
        assertThat(client.getUser(user).getTags()).containsExactly("management");
        Client asUser = client(target, user, "hc-pw");
        assertThat(asUser.whoAmI().getName()).isEqualTo(user);
        assertThat(asUser.getQueues(vhost)).extracting(QueueInfo::getName).contains("hc-q");

        String connectionName = "hc-conn-" + id;
        com.rabbitmq.client.ConnectionFactory amqp = target.amqp();
        amqp.setVirtualHost(vhost);
        Connection connection = amqp.newConnection(connectionName);
        try {
            ConnectionInfo info = await(() -> client.getConnections().stream()
                    .filter(c -> connectionName.equals(c.getClientProperties().getConnectionName())).findFirst().orElse(null),
                    c -> c != null);
            assertThat(info.getUser()).isEqualTo("guest");
            assertThat(info.getVhost()).isEqualTo(vhost);
            // octets from the client: 20 bodies of 1,000 octets make recv_oct grow by at least 20,000
            long before = info.getOctetsReceived();
            com.rabbitmq.client.Channel ch = connection.createChannel();
            ch.confirmSelect();
            for (int i = 0; i < 20; i++) {
                ch.basicPublish("", "hc-q", null, new byte[1_000]);
            }
            ch.waitForConfirmsOrDie(10_000);
            ConnectionInfo counted = await(() -> client.getConnection(info.getName()),
                    c -> c != null && c.getOctetsReceived() >= before + 20_000);
            assertThat(counted.getOctetsSent()).isPositive();
            assertThat(counted.getOctetsReceivedDetails()).isNotNull();
            assertThat(counted.getOctetsSentDetails()).isNotNull();
            await(() -> client.getVhost(vhost), v -> v.getOctetsReceived() >= before + 20_000 && v.getOctetsSentDetails() != null);
            client.closeConnection(info.getName(), "closed by the http-client test");
            long deadline = System.currentTimeMillis() + 10_000;
            while (connection.isOpen() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(connection.getCloseReason().getMessage()).contains("closed by the http-client test");
        } finally {
            connection.abort();
        }

        assertThat(client.getDefinitions().getQueues()).extracting(QueueInfo::getName).contains("hc-q");
        client.deleteQueue(vhost, "hc-q");
        assertThat(client.getQueue(vhost, "hc-q")).isNull();
        client.deleteExchange(vhost, "hc-x");
        client.deleteUser(user);
        assertThat(client.getUser(user)).isNull();
        client.deleteVhost(vhost);
        assertThat(client.getVhost(vhost)).isNull();
    }

    /** The same objects on both brokers; FerryMQ's JSON has each of RabbitMQ's fields with the same JSON type. */
    @Test
    void jsonShapesAgreeWithRabbitMq() throws Exception {
        ManagementTarget rabbit = ManagementTarget.rabbitmqOrNull();
        Assumptions.assumeTrue(rabbit != null, "RABBITMQ_MGMT_URI names a RabbitMQ with management (scripts/rabbitmq-mgmt.sh)");
        ManagementTarget ferry = ManagementTarget.ferrymq(fixture);
        String id = UUID.randomUUID().toString().substring(0, 8);
        String q = "shape-q-" + id;
        String x = "shape-x-" + id;
        List<String> problems = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        try {
            for (ManagementTarget t : List.of(ferry, rabbit)) {
                Client c = client(t, "guest", "guest");
                c.declareQueue("/", q, new QueueInfo(true, false, false));
                c.declareExchange("/", x, new ExchangeInfo("direct", true, false));
                c.bindQueue("/", q, x, "k");
                c.publish("/", x, "k", new OutboundMessage().payload("shape").utf8Encoded());
                Connection connection = t.amqp().newConnection("shape-" + id);
                connections.add(connection);
                connection.createChannel().basicConsume(q, false, (tag, d) -> { }, tag -> { });
            }
            String[][] paths = {
                    {"overview", "/api/overview"}, {"queue", "/api/queues/%2F/" + q}, {"exchange", "/api/exchanges/%2F/" + x},
                    {"binding", "/api/exchanges/%2F/" + x + "/bindings/source"}, {"vhost", "/api/vhosts/%2F"},
                    {"user", "/api/users/guest"}, {"permission", "/api/permissions/%2F/guest"}, {"whoami", "/api/whoami"},
                    {"connections", "/api/connections"}, {"channels", "/api/channels"}, {"consumers", "/api/consumers"},
                    {"queues page", "/api/queues?page=1&page_size=10"}, {"definitions", "/api/definitions"}};
            for (String[] path : paths) {
                JsonNode ours = first(fetch(ferry, path[1]));
                JsonNode theirs = first(await(() -> fetchUnchecked(rabbit, path[1]), n -> first(n) != null));
                compare(path[0], "", theirs, ours, problems);
            }
        } finally {
            for (Connection c : connections) {
                c.abort();
            }
            for (ManagementTarget t : List.of(ferry, rabbit)) {
                Client c = client(t, "guest", "guest");
                c.deleteQueue("/", q);
                c.deleteExchange("/", x);
            }
        }
        assertThat(problems).as("fields RabbitMQ 3.10 sends that FerryMQ does not (or with another JSON type)").isEmpty();
    }

    /**
     * A single object, or the first element of a list that belongs to a live connection: for a few
     * seconds after a connection closes, RabbitMQ still lists its channels and consumers, with an
     * empty array as their connection_details (an earlier test's connection, not a shape).
     */
    private static JsonNode first(JsonNode node) {
        if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                JsonNode details = element.get("connection_details");
                if (details == null || details.isObject()) {
                    return element;
                }
            }
            return null;
        }
        return node;
    }

    private static void compare(String what, String prefix, JsonNode theirs, JsonNode ours, List<String> problems) {
        if (ours == null) {
            problems.add(what + ": FerryMQ answered nothing");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = theirs.fields();
        Set<String> seen = new HashSet<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            if (ERLANG_ONLY.contains(name) || !seen.add(name)) {
                continue;
            }
            JsonNode mine = ours.get(name);
            if (mine == null) {
                problems.add(what + ": missing " + prefix + name);
            } else if (!f.getValue().isNull() && !mine.isNull() && f.getValue().getNodeType() != mine.getNodeType()
                    && !(f.getValue().isNumber() && mine.isNumber())) {
                problems.add(what + ": " + prefix + name + " is " + mine.getNodeType() + ", RabbitMQ sends "
                        + f.getValue().getNodeType());
            } else if (f.getValue().isObject() && mine.isObject() && Set.of("object_totals", "queue_totals",
                    "connection_details", "channel_details", "queue").contains(name)) {
                compare(what, prefix + name + ".", f.getValue(), mine, problems);
            } else if (f.getValue().isArray() && mine.isArray() && f.getValue().size() > 0 && mine.size() > 0
                    && f.getValue().get(0).isObject() && Set.of("items", "queues", "exchanges", "bindings",
                    "users", "vhosts", "permissions").contains(name)) {
                compare(what, prefix + name + "[].", f.getValue().get(0), mine.get(0), problems);
            }
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static JsonNode fetch(ManagementTarget t, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(t.http().resolve(path))
                .header("Authorization", ConsoleFixture.basic("guest", "guest")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(t + " " + path + ": " + r.body()).isEqualTo(200);
        return ConsoleFixture.JSON.readTree(r.body());
    }

    private static JsonNode fetchUnchecked(ManagementTarget t, String path) {
        try {
            return fetch(t, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
