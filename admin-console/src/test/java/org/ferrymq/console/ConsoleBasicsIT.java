package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console over a real socket: login, overview, queues with paging, static files, the 4xx rules. */
@Timeout(60)
class ConsoleBasicsIT {
    @TempDir
    static Path dataDir;
    static ConsoleFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new ConsoleFixture(dataDir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void whoamiNamesTheUserAndTags() throws Exception {
        JsonNode me = fixture.getJson("/api/whoami");
        assertThat(me.get("name").asText()).isEqualTo("admin");
        assertThat(me.get("tags").get(0).asText()).isEqualTo("administrator");
    }

    @Test
    void loginRulesAreEnforced() throws Exception {
        assertThat(fixture.call("GET", "/api/overview", null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = fixture.call("GET", "/api/overview", null, "admin", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        // a user without a management tag may use AMQP but not the API
        assertThat(fixture.call("GET", "/api/overview", null, "app", "app-pw").statusCode()).isEqualTo(403);
        // monitoring sees, but may not create users
        assertThat(fixture.call("GET", "/api/queues", null, "watcher", "watch-pw").statusCode()).isEqualTo(200);
        assertThat(fixture.call("PUT", "/api/users/eve", "{\"password\":\"x\",\"tags\":\"\"}", "watcher", "watch-pw")
                .statusCode()).isEqualTo(403);
        // guest works from loopback, as over AMQP
        assertThat(fixture.call("GET", "/api/whoami", null, "guest", "guest").statusCode()).isIn(200, 403);
    }

    @Test
    void overviewCountsQueuesAndMessages() throws Exception {
        fixture.admin("PUT", "/api/queues/%2F/overview-q", "{\"durable\":false}");
        fixture.admin("POST", "/api/exchanges/%2F/amq.default/publish",
                "{\"routing_key\":\"overview-q\",\"payload\":\"hi\",\"payload_encoding\":\"string\",\"properties\":{}}");
        JsonNode overview = fixture.getJson("/api/overview");
        assertThat(overview.get("object_totals").get("queues").asInt()).isGreaterThanOrEqualTo(1);
        // queue totals are those of the last rate sample (every 5 s), as RabbitMQ's come from its statistics interval
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (overview.get("queue_totals").get("messages_ready").asLong() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            overview = fixture.getJson("/api/overview");
        }
        assertThat(overview.get("queue_totals").get("messages_ready").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("listeners").get(0).get("protocol").asText()).isEqualTo("amqp");
        assertThat(overview.get("contexts").get(0).get("port").asText()).isEqualTo(String.valueOf(fixture.console.port()));
    }

    @Test
    void queuesArePagedSortedAndFiltered() throws Exception {
        for (int i = 0; i < 5; i++) {
            fixture.admin("PUT", "/api/queues/%2F/paged-" + i, "{\"durable\":false,\"auto_delete\":false}");
            for (int m = 0; m < i; m++) {
                fixture.admin("POST", "/api/exchanges/%2F/amq.default/publish",
                        "{\"routing_key\":\"paged-" + i + "\",\"payload\":\"x\",\"payload_encoding\":\"string\",\"properties\":{}}");
            }
        }
        // an HTTP publish hands the message to the queue's executor: wait until all 10 are counted
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        long counted = -1;
        while (counted != 10 && System.nanoTime() < deadline) {
            counted = 0;
            for (JsonNode q : fixture.getJson("/api/queues/%2F?name=paged-&columns=messages")) {
                counted += q.get("messages").asLong();
            }
            if (counted != 10) {
                Thread.sleep(50);
            }
        }
        assertThat(counted).isEqualTo(10);
        JsonNode page = fixture.getJson("/api/queues?page=1&page_size=2&name=paged-&sort=messages&sort_reverse=true"
                + "&columns=name,messages");
        assertThat(page.get("filtered_count").asInt()).isEqualTo(5);
        assertThat(page.get("page_count").asInt()).isEqualTo(3);
        assertThat(page.get("items").get(0).get("name").asText()).isEqualTo("paged-4");
        assertThat(page.get("items").get(0).get("messages").asInt()).isEqualTo(4);
        assertThat(page.get("items").get(1).get("name").asText()).isEqualTo("paged-3");
        assertThat(page.get("items").get(0).has("durable")).isFalse();
        JsonNode regex = fixture.getJson("/api/queues/%2F?name=%5Epaged-%5B12%5D%24&use_regex=true");
        assertThat(regex.size()).isEqualTo(2);
    }

    @Test
    void connectionsShowClientPropertiesAndCanBeClosed() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(fixture.broker.amqpPort());
        factory.setClientProperties(new java.util.HashMap<>(java.util.Map.of("connection_name", "console-test")));
        Connection connection = factory.newConnection();
        try {
            Channel channel = connection.createChannel();
            channel.basicQos(7);
            channel.queueDeclare("consumed-q", false, false, false, null);
            channel.basicConsume("consumed-q", false, "tag-1", (t, d) -> { }, t -> { });
            JsonNode connections = fixture.getJson("/api/connections");
            JsonNode mine = null;
            for (JsonNode c : connections) {
                if ("console-test".equals(c.get("client_properties").path("connection_name").asText())) {
                    mine = c;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.get("user").asText()).isEqualTo("guest");
            JsonNode consumers = fixture.getJson("/api/consumers/%2F");
            assertThat(consumers.findValuesAsText("consumer_tag")).contains("tag-1");
            JsonNode channels = fixture.getJson("/api/channels");
            assertThat(channels.get(0).get("prefetch_count").asInt()).isEqualTo(7);
            String name = java.net.URLEncoder.encode(mine.get("name").asText(), StandardCharsets.UTF_8).replace("+", "%20");
            assertThat(fixture.admin("DELETE", "/api/connections/" + name, null).statusCode()).isEqualTo(204);
            long deadline = System.currentTimeMillis() + 5000;
            while (connection.isOpen() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(connection.isOpen()).isFalse();
            assertThat(connection.getCloseReason().getMessage()).contains("Closed via management plugin");
        } finally {
            connection.abort();
        }
    }

    @Test
    void badRequestsGetClearClientErrors() throws Exception {
        HttpResponse<String> badJson = fixture.admin("PUT", "/api/queues/%2F/bad", "{not json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("malformed JSON");
        HttpResponse<String> unknown = fixture.admin("PUT", "/api/permissions/%2F/guest",
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\",\"colour\":\"red\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown field 'colour'");
        HttpResponse<String> wrongType = fixture.admin("PUT", "/api/queues/%2F/bad", "{\"arguments\":[1,2]}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        String big = "{\"routing_key\":\"x\",\"payload\":\"" + "a".repeat(100_000) + "\"}";
        assertThat(fixture.admin("POST", "/api/exchanges/%2F/amq.default/publish", big).statusCode()).isEqualTo(413);
        assertThat(fixture.admin("GET", "/api/queues/%2F/no-such-queue", null).statusCode()).isEqualTo(404);
        assertThat(fixture.admin("GET", "/api/queues/nope", null).statusCode()).isEqualTo(404);
        assertThat(fixture.admin("PUT", "/api/exchanges/%2F/x1", "{\"type\":\"nonsense\"}").statusCode()).isEqualTo(400);
        assertThat(fixture.admin("PUT", "/api/queues/%2F/amq.reserved", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> badSelector = fixture.admin("POST", "/api/queues/%2F/x/get", "{\"count\":\"many\"}");
        assertThat(badSelector.statusCode()).isIn(400, 404);
        assertThat(badSelector.body()).doesNotContain("Exception");
    }

    @Test
    void theUiIsServedFromTheClasspath() throws Exception {
        HttpResponse<String> index = fixture.call("GET", "/", null, null, null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("FerryMQ test page");
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("text/html"));
    }
}
