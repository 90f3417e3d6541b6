package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RabbitMQ 3.10's {@code *_details} objects with {@code msg_rates_age}/{@code msg_rates_incr} and
 * {@code lengths_age}/{@code lengths_incr}: the same traffic (30 publishes through an exchange, 10
 * gets with ack) on FerryMQ and on the RabbitMQ with its management plugin, then the same
 * requests; both must answer {@code {avg, avg_rate, rate, samples: [{sample, timestamp}]}} with
 * samples that are counts so far (not rates) at instants aligned to {@code incr}, newest first.
 * The same for a vhost (its lengths, message counts and its connections' octets), a connection's
 * octets ({@code recv_oct_details}, {@code send_oct_details} with {@code data_rates_age}) and, on
 * FerryMQ, a connection's message counts (RabbitMQ's connections have none).
 */
@Timeout(120)
class RateDetailsIT {
    private static final String WINDOWS = "lengths_age=60&lengths_incr=5&msg_rates_age=60&msg_rates_incr=5"
            + "&data_rates_age=60&data_rates_incr=5";
    private static final Set<String> WINDOWED_KEYS = Set.of("avg", "avg_rate", "rate", "samples");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void detailsCarrySamplesOfCountsAndLengths(ManagementTarget target) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String q = "rates-q-" + id;
        String x = "rates-x-" + id;
        try (Connection connection = target.amqp().newConnection("rates-" + id)) {
            Channel ch = connection.createChannel();
            ch.queueDeclare(q, false, false, false, null);
            ch.exchangeDeclare(x, "direct", false, false, null);
            ch.queueBind(q, x, "k");
            // watching first: FerryMQ keeps a queue's samples from when someone first asks for them
            fetch(target, "/api/queues/%2F/" + q + "?" + WINDOWS);
            fetch(target, "/api/exchanges/%2F/" + x + "?" + WINDOWS);
            fetch(target, "/api/vhosts/%2F?" + WINDOWS);
            String connectionPath = "/api/connections/" + java.net.URLEncoder.encode(connectionName(target, "rates-" + id),
                    StandardCharsets.UTF_8).replace("+", "%20");
            fetch(target, connectionPath + "?" + WINDOWS);
            ch.confirmSelect();
            for (int i = 0; i < 30; i++) {
                ch.basicPublish(x, "k", null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
            for (int i = 0; i < 10; i++) {
                GetResponse got = ch.basicGet(q, false);
                assertThat(got).isNotNull();
                ch.basicAck(got.getEnvelope().getDeliveryTag(), false);
            }

            JsonNode queue = await(() -> fetch(target, "/api/queues/%2F/" + q + "?" + WINDOWS),
                    n -> newest(n.path("message_stats").path("publish_details")) == 30
                            && newest(n.path("message_stats").path("ack_details")) == 10
                            && newest(n.path("messages_details")) == 20);
            for (String stat : List.of("publish", "ack", "deliver_get", "redeliver")) {
                checkWindowed(target + " queue " + stat, queue.path("message_stats").path(stat + "_details"));
            }
            for (String length : List.of("messages", "messages_ready", "messages_unacknowledged")) {
                checkWindowed(target + " queue " + length, queue.path(length + "_details"));
            }
            assertThat(newest(queue.path("messages_ready_details"))).isEqualTo(20);
            assertThat(newest(queue.path("messages_unacknowledged_details"))).isZero();
            assertThat(queue.path("message_stats").path("publish").asLong()).isEqualTo(30);

            JsonNode exchange = await(() -> fetch(target, "/api/exchanges/%2F/" + x + "?" + WINDOWS),
                    n -> newest(n.path("message_stats").path("publish_in_details")) == 30);
            checkWindowed(target + " exchange publish_in", exchange.path("message_stats").path("publish_in_details"));

            JsonNode overview = fetch(target, "/api/overview?" + WINDOWS);
            checkWindowed(target + " overview publish", overview.path("message_stats").path("publish_details"));
            assertThat(newest(overview.path("message_stats").path("publish_details"))).isGreaterThanOrEqualTo(30);
            for (String length : List.of("messages", "messages_ready", "messages_unacknowledged")) {
                checkWindowed(target + " queue_totals " + length, overview.path("queue_totals").path(length + "_details"));
            }

            // a vhost: its queues' lengths and its message counts (other tests share RabbitMQ's "/": at least ours)
            JsonNode vhost = await(() -> fetch(target, "/api/vhosts/%2F?" + WINDOWS),
                    n -> newest(n.path("message_stats").path("publish_details")) >= 30
                            && newest(n.path("message_stats").path("ack_details")) >= 10);
            for (String stat : List.of("publish", "ack", "deliver_get", "confirm")) {
                checkWindowed(target + " vhost " + stat, vhost.path("message_stats").path(stat + "_details"));
            }
            for (String length : List.of("messages", "messages_ready", "messages_unacknowledged")) {
                checkWindowed(target + " vhost " + length, vhost.path(length + "_details"));
            }
            JsonNode vhosts = fetch(target, "/api/vhosts?" + WINDOWS);
            for (JsonNode v : vhosts) {
                if (v.path("name").asText().equals("/")) {
                    checkWindowed(target + " vhost list", v.path("message_stats").path("publish_details"));
                    checkWindowed(target + " vhost list length", v.path("messages_details"));
                }
            }
            assertThat(fieldNames(fetch(target, "/api/vhosts/%2F").path("messages_details"))).containsExactly("rate");
            assertThat(fieldNames(fetch(target, "/api/vhosts/%2F").path("message_stats").path("publish_details")))
                    .containsExactly("rate");
            // octets through the connection's socket and its vhost's connections: windowed by data_rates_age only
            long received = fetch(target, connectionPath).path("recv_oct").asLong();
            assertThat(received).as(target + " recv_oct after 30 publishes").isGreaterThan(30 * 2);
            JsonNode octets = await(() -> fetch(target, connectionPath + "?" + WINDOWS),
                    n -> newest(n.path("recv_oct_details")) >= received);
            for (String stat : List.of("recv_oct", "send_oct")) {
                checkWindowed(target + " connection " + stat, octets.path(stat + "_details"));
                assertThat(octets.path(stat).isIntegralNumber()).isTrue();
            }
            assertThat(octets.path("recv_cnt").asLong()).isPositive();
            assertThat(octets.path("send_cnt").asLong()).isPositive();
            JsonNode vhostOctets = await(() -> fetch(target, "/api/vhosts/%2F?" + WINDOWS),
                    n -> newest(n.path("recv_oct_details")) >= received);
            for (String stat : List.of("recv_oct", "send_oct")) {
                checkWindowed(target + " vhost " + stat, vhostOctets.path(stat + "_details"));
            }
            String msgRatesOnly = "msg_rates_age=60&msg_rates_incr=5&lengths_age=60&lengths_incr=5";
            for (String path : List.of(connectionPath, connectionPath + "?" + msgRatesOnly, "/api/vhosts/%2F?" + msgRatesOnly)) {
                JsonNode plainOctets = fetch(target, path);
                assertThat(fieldNames(plainOctets.path("recv_oct_details"))).as(target + " " + path).containsExactly("rate");
                assertThat(fieldNames(plainOctets.path("send_oct_details"))).as(target + " " + path).containsExactly("rate");
            }
            if (!target.rabbitmq()) {
                // RabbitMQ's connections carry octet counts only (above); FerryMQ's carry message_stats
                // too, in the same windowed shape
                JsonNode shownConnection = await(() -> fetch(target, connectionPath + "?" + WINDOWS),
                        n -> newest(n.path("message_stats").path("publish_details")) == 30
                                && newest(n.path("message_stats").path("ack_details")) == 10);
                for (String stat : List.of("publish", "ack", "deliver_get", "confirm")) {
                    checkWindowed(target + " connection " + stat, shownConnection.path("message_stats").path(stat + "_details"));
                }
                JsonNode listedConnection = fetch(target, "/api/connections?" + WINDOWS);
                boolean seen = false;
                for (JsonNode c : listedConnection) {
                    if (("rates-" + id).equals(c.path("user_provided_name").asText())) {
                        checkWindowed(target + " connection list", c.path("message_stats").path("publish_details"));
                        seen = true;
                    }
                }
                assertThat(seen).isTrue();
                assertThat(fieldNames(fetch(target, connectionPath).path("message_stats").path("publish_details")))
                        .containsExactly("rate");
            }

            // RabbitMQ filters by name only on a page
            JsonNode listed = fetch(target, "/api/queues?page=1&page_size=100&name=" + q + "&" + WINDOWS).path("items");
            assertThat(listed.size()).isEqualTo(1);
            checkWindowed(target + " queue list", listed.get(0).path("message_stats").path("publish_details"));
            checkWindowed(target + " queue list length", listed.get(0).path("messages_details"));

            // without the parameters: only the rate, on both
            JsonNode plain = fetch(target, "/api/queues/%2F/" + q);
            assertThat(fieldNames(plain.path("message_stats").path("publish_details"))).containsExactly("rate");
            assertThat(fieldNames(plain.path("messages_details"))).containsExactly("rate");
            ch.queueDelete(q);
            ch.exchangeDelete(x);
        }
    }

    @Test
    void aBadWindowIsA400() throws Exception {
        for (String query : List.of("msg_rates_age=soon", "msg_rates_age=0", "lengths_age=60&lengths_incr=-5",
                "msg_rates_age=60&msg_rates_incr=x")) {
            HttpResponse<String> r = fixture.admin("GET", "/api/overview?" + query, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            r = fixture.admin("GET", "/api/queues?" + query, null);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
        }
    }

    /** RabbitMQ's windowed shape: the four keys, 1..13 samples of {sample, timestamp}, 5 s apart on 5 s instants, newest first. */
    private static void checkWindowed(String what, JsonNode details) {
        assertThat(fieldNames(details)).as(what).isEqualTo(new TreeSet<>(WINDOWED_KEYS));
        assertThat(details.get("avg").isNumber() && details.get("avg_rate").isNumber() && details.get("rate").isNumber())
                .as(what + ": numbers").isTrue();
        JsonNode samples = details.get("samples");
        assertThat(samples.isArray()).as(what).isTrue();
        assertThat(samples.size()).as(what + " sample count").isBetween(1, 60 / 5 + 1);
        long previous = Long.MAX_VALUE;
        double sum = 0;
        for (JsonNode s : samples) {
            assertThat(fieldNames(s)).as(what).containsExactly("sample", "timestamp");
            long t = s.get("timestamp").asLong();
            assertThat(t % 5000).as(what + ": aligned to lengths_incr/msg_rates_incr").isZero();
            if (previous != Long.MAX_VALUE) {
                assertThat(previous - t).as(what + ": newest first, incr apart").isEqualTo(5000);
            }
            previous = t;
            sum += s.get("sample").asDouble();
        }
        assertThat(details.get("avg").asDouble()).as(what + ": avg is the samples' mean")
                .isCloseTo(sum / samples.size(), org.assertj.core.data.Offset.offset(1e-9));
        if (samples.size() > 1) {
            JsonNode newest = samples.get(0);
            JsonNode oldest = samples.get(samples.size() - 1);
            double expected = (newest.get("sample").asDouble() - oldest.get("sample").asDouble()) * 1000.0
                    / (newest.get("timestamp").asLong() - oldest.get("timestamp").asLong());
            assertThat(details.get("avg_rate").asDouble()).as(what + ": avg_rate over the window")
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** The name of the connection whose client called itself {@code provided} (RabbitMQ lists it a moment after it opens). */
    private static String connectionName(ManagementTarget target, String provided) throws Exception {
        JsonNode found = await(() -> fetch(target, "/api/connections"), list -> {
            for (JsonNode c : list) {
                if (provided.equals(c.path("user_provided_name").asText())) {
                    return true;
                }
            }
            return false;
        });
        for (JsonNode c : found) {
            if (provided.equals(c.path("user_provided_name").asText())) {
                return c.path("name").asText();
            }
        }
        throw new AssertionError("no connection " + provided);
    }

    private static long newest(JsonNode details) {
        JsonNode samples = details.path("samples");
        return samples.isArray() && samples.size() > 0 ? samples.get(0).path("sample").asLong() : -1;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode await(ThrowingSupplier call, Predicate<JsonNode> done) throws Exception {
        JsonNode last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("never as expected: " + last);
    }

    interface ThrowingSupplier {
        JsonNode get() throws Exception;
    }

    private static JsonNode fetch(ManagementTarget t, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(t.http().resolve(path))
                .header("Authorization", ConsoleFixture.basic("guest", "guest")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(t + " " + path + ": " + r.body()).isEqualTo(200);
        return ConsoleFixture.JSON.readTree(r.body());
    }
}
