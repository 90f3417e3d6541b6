package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.RatesMode;
import org.ferrymq.broker.management.BrokerManagement;
import org.ferrymq.broker.management.MessageCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code management.rates_mode}, as in RabbitMQ: {@code none} counts nothing on the message path
 * and answers without {@code message_stats} (lengths stay; only connection and vhost octets are
 * sampled, as RabbitMQ keeps those coarse statistics in every mode); {@code basic}
 * counts per queue, exchange, vhost, connection and overall; {@code detailed} keeps a queue's
 * history from the start, before anyone asks.
 */
@Timeout(90)
class RatesModeIT {
    @TempDir
    Path dir;

    private static void publish(FerryBroker broker, String queue, int n) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(broker.amqpPort());
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < n; i++) {
                ch.basicPublish("", queue, null, "x".getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    private static JsonNode get(ConsoleServer console, String path) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(console.uri().resolve(path))
                .header("Authorization", ConsoleFixture.basic("guest", "guest")).timeout(java.time.Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ConsoleFixture.JSON.readTree(r.body());
    }

    /** Publishes {@code n} to {@code queue} through exchange {@code x}, gets and acks them all, on a named connection. */
    private static void traffic(FerryBroker broker, String queue, String x, int n) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(broker.amqpPort());
        try (Connection c = f.newConnection("traffic"); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
            ch.exchangeDeclare(x, "direct");
            ch.queueBind(queue, x, "k");
            ch.confirmSelect();
            for (int i = 0; i < n; i++) {
                ch.basicPublish(x, "k", null, "x".getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
            for (int i = 0; i < n; i++) {
                ch.basicAck(ch.basicGet(queue, false).getEnvelope().getDeliveryTag(), false);
            }
            // while the connection is open: its view, over HTTP and in the management API
            assertThat(broker.management().connections()).hasSize(1);
        }
    }

    /** What every object's answer has in each mode: the paths of one vhost, queue, exchange and the overview. */
    private static List<JsonNode> answers(ConsoleServer console, String queue, String x) throws Exception {
        String windows = "?msg_rates_age=60&msg_rates_incr=5&lengths_age=60&lengths_incr=5";
        return List.of(get(console, "/api/overview" + windows), get(console, "/api/vhosts/%2F" + windows),
                get(console, "/api/queues/%2F/" + queue + windows), get(console, "/api/exchanges/%2F/" + x + windows),
                get(console, "/api/queues?page=1&page_size=10&name=" + queue).get("items").get(0),
                get(console, "/api/vhosts").get(0));
    }

    @Test
    void noneCountsNothingOnTheMessagePathAndAnswersWithoutMessageStats() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir).configure(c -> c.ratesMode(RatesMode.NONE)).start();
             ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0))) {
            traffic(broker, "none-q", "none-x", 25);
            assertThat(get(console, "/api/overview").get("rates_mode").asText()).isEqualTo("none");
            // RabbitMQ's none: channels collect only coarse statistics, so no object has message_stats
            for (JsonNode answer : answers(console, "none-q", "none-x")) {
                assertThat(answer.has("message_stats")).as(answer.toString()).isFalse();
            }
            // the message path counted nothing at all (not counted and hidden: never counted)
            BrokerManagement m = broker.management();
            for (MessageCounters c : List.of(m.overview().counters(), m.queue("/", "none-q").orElseThrow().counters(),
                    m.exchange("/", "none-x").orElseThrow().counters(), m.vhost("/").orElseThrow().counters())) {
                for (MessageCounters.Kind kind : MessageCounters.Kind.values()) {
                    assertThat(c.total(kind)).as(kind.name()).isZero();
                }
            }
            // lengths are still there (RabbitMQ keeps queue lengths in every mode); nothing is sampled
            JsonNode q = get(console, "/api/queues/%2F/none-q?lengths_age=60&lengths_incr=5");
            assertThat(q.get("messages").asLong()).isZero();
            assertThat(q.at("/messages_details/samples").size()).isEqualTo(1);
            // octets are coarse statistics: RabbitMQ's none still counts and samples them (checked on a
            // 3.10 node with management.rates_mode = none), so FerryMQ's does too
            String dataWindow = "?data_rates_age=60&data_rates_incr=5";
            JsonNode vhost = get(console, "/api/vhosts/%2F" + dataWindow);
            long received = vhost.get("recv_oct").asLong();
            assertThat(received).as("25 publishes and the handshake").isGreaterThan(25 * 2);
            assertThat(vhost.get("send_oct").asLong()).isPositive();
            Thread.sleep((BrokerManagement.SAMPLE_INTERVAL_SECONDS + 1) * 1000L);
            assertThat(m.queue("/", "none-q").orElseThrow().counters().history()).isEmpty();
            assertThat(m.vhost("/").orElseThrow().traffic().history()).isNotEmpty();
            JsonNode sampled = get(console, "/api/vhosts/%2F" + dataWindow);
            assertThat(sampled.at("/recv_oct_details/samples/0/sample").asLong()).isEqualTo(received);
            assertThat(sampled.at("/send_oct_details/rate").isNumber()).isTrue();
            assertThat(sampled.has("message_stats")).isFalse();
        }
    }

    @Test
    void basicCountsEveryObjectsMessages() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir).configure(c -> c.ratesMode(RatesMode.BASIC)).start();
             ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0))) {
            traffic(broker, "basic-q", "basic-x", 25);
            assertThat(get(console, "/api/overview").get("rates_mode").asText()).isEqualTo("basic");
            List<JsonNode> all = answers(console, "basic-q", "basic-x");
            for (JsonNode answer : List.of(all.get(0), all.get(1), all.get(2), all.get(4), all.get(5))) {
                assertThat(answer.at("/message_stats/publish").asLong()).as(answer.toString()).isEqualTo(25);
                assertThat(answer.at("/message_stats/ack").asLong()).as(answer.toString()).isEqualTo(25);
                assertThat(answer.at("/message_stats/publish_details").has("rate")).isTrue();
            }
            assertThat(all.get(3).at("/message_stats/publish_in").asLong()).isEqualTo(25);
            assertThat(all.get(0).at("/message_stats/confirm").asLong()).isEqualTo(25);
        }
    }

    @Test
    void detailedKeepsEveryQueuesHistoryFromTheStart() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir).configure(c -> c.ratesMode(RatesMode.DETAILED)).start();
             ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0))) {
            publish(broker, "detailed-q", 10);
            long deadline = System.currentTimeMillis() + 3 * BrokerManagement.SAMPLE_INTERVAL_SECONDS * 1000L;
            while (broker.management().queue("/", "detailed-q").orElseThrow().counters().keptHistory().isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            // nobody asked for this queue's samples, yet they are kept
            assertThat(broker.management().queue("/", "detailed-q").orElseThrow().counters().keptHistory()).isNotEmpty();
            assertThat(get(console, "/api/overview").get("rates_mode").asText()).isEqualTo("detailed");
        }
    }
}
