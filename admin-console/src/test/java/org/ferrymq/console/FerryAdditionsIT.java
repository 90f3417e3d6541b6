package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FerryMQ's own API paths over a real socket: browse leaves the queue as it was, move/copy/delete
 * by selector or ids with a limit, the metrics scrape, definitions dry run and all-or-nothing import.
 */
@Timeout(60)
class FerryAdditionsIT {
    @TempDir
    static Path dataDir;
    static ConsoleFixture fixture;
    static Connection connection;
    static Channel channel;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture(dataDir);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(fixture.broker.amqpPort());
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.confirmSelect();   // what a test publishes is in its queue before the HTTP API looks
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        fixture.close();
    }

    private static void publish(String queue, String body, String region) throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("region", region);
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().headers(headers).deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    private static int ready(String queue) throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    @Test
    void browseLeavesTheQueueExactlyAsItWas() throws Exception {
        channel.queueDeclare("browse-q", true, false, false, null);
        for (int i = 0; i < 10; i++) {
            publish("browse-q", "order " + i + (i % 3 == 0 ? " urgent" : ""), i % 2 == 0 ? "eu" : "us");
        }
        JsonNode page = fixture.getJson("/api/ferrymq/queues/%2F/browse-q/browse?offset=1&limit=2"
                + "&selector=region%20%3D%20%27eu%27");
        assertThat(page.get("matched").asInt()).isEqualTo(5);
        assertThat(page.get("messages").size()).isEqualTo(2);
        assertThat(page.get("messages").get(0).get("body_preview").asText()).isEqualTo("order 2");
        assertThat(page.get("messages").get(0).get("properties").get("headers").get("region").asText()).isEqualTo("eu");
        assertThat(page.get("messages").get(0).get("redelivered").asBoolean()).isFalse();
        JsonNode urgent = fixture.getJson("/api/ferrymq/queues/%2F/browse-q/browse?body_contains=urgent");
        assertThat(urgent.get("matched").asInt()).isEqualTo(4);
        assertThat(ready("browse-q")).isEqualTo(10);
        // first delivery after browsing is the first message, not redelivered
        var first = channel.basicGet("browse-q", true);
        assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("order 0 urgent");
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        assertThat(fixture.admin("GET", "/api/ferrymq/queues/%2F/browse-q/browse?selector=region%20%3D", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void movesADeadLetterQueueBackIntoWorkBySelectorWithALimit() throws Exception {
        channel.queueDeclare("work-q", true, false, false, null);
        channel.queueDeclare("dead-q", true, false, false, null);
        for (int i = 0; i < 6; i++) {
            publish("dead-q", "failed " + i, i < 4 ? "eu" : "us");
        }
        var moved = fixture.admin("POST", "/api/ferrymq/queues/%2F/dead-q/move",
                "{\"target_queue\":\"work-q\",\"selector\":\"region = 'eu'\",\"limit\":3}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(ConsoleFixture.JSON.readTree(moved.body()).get("moved").asInt()).isEqualTo(3);
        assertThat(ready("dead-q")).isEqualTo(3);
        assertThat(ready("work-q")).isEqualTo(3);
        assertThat(new String(channel.basicGet("work-q", true).getBody(), StandardCharsets.UTF_8)).isEqualTo("failed 0");

        JsonNode left = fixture.getJson("/api/ferrymq/queues/%2F/dead-q/browse");
        long usId = left.get("messages").get(1).get("id").asLong();
        var copied = fixture.admin("POST", "/api/ferrymq/queues/%2F/dead-q/copy",
                "{\"target_queue\":\"work-q\",\"ids\":[" + usId + "]}");
        assertThat(ConsoleFixture.JSON.readTree(copied.body()).get("copied").asInt()).isEqualTo(1);
        assertThat(ready("dead-q")).isEqualTo(3);
        assertThat(ready("work-q")).isEqualTo(3);
        var deleted = fixture.admin("POST", "/api/ferrymq/queues/%2F/dead-q/delete-messages",
                "{\"ids\":[" + usId + "]}");
        assertThat(ConsoleFixture.JSON.readTree(deleted.body()).get("deleted").asInt()).isEqualTo(1);
        assertThat(ready("dead-q")).isEqualTo(2);
        assertThat(fixture.admin("POST", "/api/ferrymq/queues/%2F/dead-q/move", "{\"target_queue\":\"work-q\"}")
                .statusCode()).isEqualTo(400); // a selector move needs a limit
        assertThat(fixture.admin("POST", "/api/ferrymq/queues/%2F/dead-q/move",
                "{\"target_queue\":\"nowhere\",\"limit\":1}").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsAreNamedAsRabbitmqPrometheusNamesThem() throws Exception {
        channel.queueDeclare("metrics-q", false, false, false, null);
        publish("metrics-q", "m", "eu");
        // octets of the connections: the scrape shows at least what the open connections read before it
        long received = fixture.broker.management().connections().stream()
                .mapToLong(c -> c.connection().traffic().recvOct()).sum();
        assertThat(received).isPositive();
        var scrape = fixture.call("GET", "/metrics", null, null, null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scrape.body()).contains("# TYPE rabbitmq_queue_messages_ready gauge", "rabbitmq_queues ",
                "rabbitmq_global_messages_received_total ", "rabbitmq_identity_info{rabbitmq_node=");
        var perObject = fixture.call("GET", "/metrics/per-object", null, null, null);
        assertThat(perObject.body()).contains("rabbitmq_queue_messages_ready{vhost=\"/\",queue=\"metrics-q\"} 1");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^rabbitmq_connection_incoming_bytes_total (\\d+)$")
                .matcher(scrape.body());
        assertThat(m.find()).as(scrape.body()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(received);
        assertThat(scrape.body()).contains("# TYPE rabbitmq_connection_outgoing_bytes_total counter",
                "rabbitmq_connection_incoming_packets_total ", "rabbitmq_connection_outgoing_packets_total ");
    }

    @Test
    void definitionsImportIsAllOrNothingWithADryRun() throws Exception {
        String good = """
                {"vhosts":[{"name":"imported"}],
                 "users":[{"name":"importer","password_hash":"kI3GCrswBLNZQzHJJ95QLoyfAVooYhnvf7jbqiW9BjOYUloe",
                           "hashing_algorithm":"rabbit_password_hashing_sha256","tags":["management"]}],
                 "permissions":[{"user":"importer","vhost":"imported","configure":".*","write":".*","read":".*"}],
                 "exchanges":[{"name":"imp-x","vhost":"imported","type":"fanout","durable":true,"auto_delete":false,
                               "internal":false,"arguments":{}}],
                 "queues":[{"name":"imp-q","vhost":"imported","durable":true,"auto_delete":false,"arguments":{}}],
                 "bindings":[{"source":"imp-x","vhost":"imported","destination":"imp-q","destination_type":"queue",
                              "routing_key":"","arguments":{}}],
                 "policies":[{"name":"p","vhost":"/","pattern":".*","definition":{}}]}""";
        var dry = fixture.admin("POST", "/api/ferrymq/definitions/dry-run", good);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode plan = ConsoleFixture.JSON.readTree(dry.body());
        assertThat(plan.get("applied").asBoolean()).isFalse();
        assertThat(plan.get("changes").size()).isEqualTo(6);
        assertThat(plan.get("skipped").get(0).asText()).contains("policies");
        assertThat(fixture.admin("GET", "/api/vhosts/imported", null).statusCode()).isEqualTo(404);

        String bad = good.replace("\"name\":\"imp-q\",\"vhost\":\"imported\",\"durable\":true,\"auto_delete\":false,\"arguments\":{}",
                "\"name\":\"imp-q\",\"vhost\":\"imported\",\"durable\":true,\"auto_delete\":false,"
                        + "\"arguments\":{\"x-max-length\":\"lots\"}");
        assertThat(bad).isNotEqualTo(good);
        var refused = fixture.admin("POST", "/api/definitions", bad);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("imp-q");
        assertThat(fixture.admin("GET", "/api/vhosts/imported", null).statusCode()).isEqualTo(404);
        assertThat(fixture.admin("GET", "/api/users/importer", null).statusCode()).isEqualTo(404);

        var applied = fixture.admin("POST", "/api/definitions", good);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(fixture.getJson("/api/queues/imported/imp-q").get("durable").asBoolean()).isTrue();
        assertThat(fixture.getJson("/api/exchanges/imported/imp-x/bindings/source").size()).isEqualTo(1);
        assertThat(fixture.call("GET", "/api/whoami", null, "importer", "guest").statusCode()).isEqualTo(200);
        var unknownField = fixture.admin("POST", "/api/definitions", "{\"queuez\":[]}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("queuez");
    }
}
