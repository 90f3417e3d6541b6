package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.RatesMode;
import org.ferrymq.broker.management.BrokerManagement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code management.rates_mode}: {@code none} stops the sampler (counts still counted, rates 0,
 * no samples), {@code detailed} keeps a queue's history from the start, before anyone asks.
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

    @Test
    void noneStopsTheSamplerButKeepsCounting() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir).configure(c -> c.ratesMode(RatesMode.NONE)).start();
             ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0))) {
            publish(broker, "none-q", 0);
            get(console, "/api/queues/%2F/none-q?msg_rates_age=60&msg_rates_incr=5"); // asks for samples: none come
            publish(broker, "none-q", 25);
            Thread.sleep((BrokerManagement.SAMPLE_INTERVAL_SECONDS + 2) * 1000L);
            JsonNode overview = get(console, "/api/overview");
            assertThat(overview.get("rates_mode").asText()).isEqualTo("none");
            assertThat(overview.at("/message_stats/publish").asLong()).isEqualTo(25);
            JsonNode q = get(console, "/api/queues/%2F/none-q?msg_rates_age=60&msg_rates_incr=5");
            assertThat(q.at("/message_stats/publish").asLong()).isEqualTo(25);
            assertThat(q.at("/message_stats/publish_details/rate").asDouble()).isZero();
            // nothing sampled: only the current count, at the newest instant
            assertThat(q.at("/message_stats/publish_details/samples").size()).isEqualTo(1);
            assertThat(broker.management().queue("/", "none-q").orElseThrow().counters().history()).isEmpty();
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
