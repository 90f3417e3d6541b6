package org.ferrymq.bench.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.console.ConsoleServer;
import org.ferrymq.console.ConsoleSettings;

/**
 * The management API under load, FerryMQ and RabbitMQ 3.10's management plugin side by side in
 * one run: QUEUES queues (each with one message), CONNECTIONS idle AMQP connections, then
 * ROUNDS timed requests each of {@code /api/queues} first page of 100 sorted by messages,
 * {@code /api/overview} and a {@code /metrics} scrape (RabbitMQ: only if its prometheus plugin
 * answers on RABBITMQ_PROMETHEUS_URI). Each request is warmed up on both for
 * MGMT_BENCH_WARMUP_SECONDS (default 10), then timed alternately on both. Prints a Markdown table
 * of p50/p95 in ms.
 *
 * <p>Usage: {@code ManagementBench [queues] [connections] [rounds]}; RabbitMQ from
 * RABBITMQ_MGMT_URI / RABBITMQ_MGMT_AMQP_URI (scripts/rabbitmq-mgmt.sh); FerryMQ from
 * FERRYMQ_MGMT_URI / FERRYMQ_AMQP_URI (a running {@code ./ferrymq}, as run-management-bench.sh
 * starts it), or embedded in this JVM when they are not set.
 */
public final class ManagementBench {
    /** HTTP/1.1 as curl, rabbitmqadmin and monitoring agents speak it (no h2c upgrade attempts). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** How long each request is repeated, untimed, before it is measured (at least 10 requests). */
    private static final Duration WARM_UP = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("MGMT_BENCH_WARMUP_SECONDS", "10")));

    private ManagementBench() {
    }

    public static void main(String[] args) throws Exception {
        int queues = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String shippedHttp = System.getenv("FERRYMQ_MGMT_URI");
        String table;
        if (shippedHttp != null) {
            // ./ferrymq as users run it (run-management-bench.sh starts it): a process of its own
            URI amqp = URI.create(System.getenv().getOrDefault("FERRYMQ_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672"));
            ConnectionFactory ferry = new ConnectionFactory();
            ferry.setHost(amqp.getHost());
            ferry.setPort(amqp.getPort());
            table = measure(ferry, baseOf(shippedHttp), queues, connections, rounds);
            cleanUp(ferry, queues);
        } else {
            Path data = Files.createTempDirectory("ferrymq-mgmt-bench");
            try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(data).configure(c -> c.maxConnections(100_000)).start();
                 ConsoleServer console = ConsoleServer.start(broker.management(), ConsoleSettings.loopback(0))) {
                ConnectionFactory ferry = new ConnectionFactory();
                ferry.setPort(broker.amqpPort());
                table = measure(ferry, console.uri(), queues, connections, rounds);
            }
        }
        System.out.println("Management API benchmark, " + LocalDate.now() + ", FerryMQ " + (shippedHttp != null ? "./ferrymq" : "embedded")
                + ", " + queues + " queues, " + connections + " connections, " + rounds + " requests each (ms)\n");
        System.out.println(table);
    }

    private static URI baseOf(String http) {
        URI h = URI.create(http);
        return URI.create("http://" + h.getHost() + ":" + h.getPort() + "/");
    }

    /** Loads both brokers alike, times the requests on both, and answers the Markdown table. */
    private static String measure(ConnectionFactory ferry, URI ferryBase, int queues, int connections, int rounds) throws Exception {
        StringBuilder table = new StringBuilder("| request | FerryMQ p50 | FerryMQ p95 | RabbitMQ p50 | RabbitMQ p95 | p50 ratio |\n"
                + "|---|---|---|---|---|---|\n");
        List<Connection> ferryConnections = load(ferry, queues, connections);
        String rabbitHttp = System.getenv("RABBITMQ_MGMT_URI");
        List<Connection> rabbitConnections = List.of();
        URI rabbitBase = null;
        if (rabbitHttp != null) {
            rabbitConnections = load(rabbitConnectionFactory(), queues, connections);
            rabbitBase = baseOf(rabbitHttp);
            Thread.sleep(10_000); // RabbitMQ's statistics are collected every 5 s
        }
        String[][] requests = {{"/api/queues first page of 100 by messages",
                "/api/queues?page=1&page_size=100&sort=messages&sort_reverse=true"},
                {"/api/overview", "/api/overview"}, {"/metrics scrape", "/metrics"}};
        for (String[] r : requests) {
            URI theirs = null;
            if (rabbitBase != null && !r[1].equals("/metrics")) {
                theirs = rabbitBase.resolve(r[1]);
            } else if (r[1].equals("/metrics") && System.getenv("RABBITMQ_PROMETHEUS_URI") != null) {
                theirs = URI.create(System.getenv("RABBITMQ_PROMETHEUS_URI"));
            }
            double[][] times = timeSideBySide(ferryBase.resolve(r[1]), theirs, rounds);
            double[] ours = times[0];
            double[] them = times[1];
            table.append("| ").append(r[0]).append(" | ").append(fmt(ours[0])).append(" | ").append(fmt(ours[1]))
                    .append(" | ").append(them == null ? "n/a" : fmt(them[0])).append(" | ")
                    .append(them == null ? "n/a" : fmt(them[1])).append(" | ")
                    .append(them == null ? "n/a" : String.format("%.1fx", them[0] / ours[0])).append(" |\n");
        }
        for (Connection c : ferryConnections) {
            c.abort();
        }
        for (Connection c : rabbitConnections) {
            c.abort();
        }
        if (rabbitBase != null) {
            cleanUp(rabbitConnectionFactory(), queues);
        }
        return table.toString();
    }

    private static ConnectionFactory rabbitConnectionFactory() {
        URI amqp = URI.create(System.getenv().getOrDefault("RABBITMQ_MGMT_AMQP_URI", "amqp://guest:guest@127.0.0.1:5722"));
        ConnectionFactory rabbit = new ConnectionFactory();
        rabbit.setHost(amqp.getHost());
        rabbit.setPort(amqp.getPort());
        return rabbit;
    }

    /** Declares the queues (one message each) and opens the idle connections. */
    private static List<Connection> load(ConnectionFactory factory, int queues, int connections) throws Exception {
        try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
            for (int i = 0; i < queues; i++) {
                ch.queueDeclare("mgmt-bench-" + i, false, false, false, null);
                ch.basicPublish("", "mgmt-bench-" + i, null, new byte[i % 7 + 1]);
            }
        }
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            open.add(factory.newConnection("mgmt-bench-" + i));
        }
        return open;
    }

    private static void cleanUp(ConnectionFactory factory, int queues) throws Exception {
        try (Connection c = factory.newConnection(); Channel ch = c.createChannel()) {
            for (int i = 0; i < queues; i++) {
                ch.queueDelete("mgmt-bench-" + i);
            }
        }
    }

    /**
     * p50 and p95 in ms of {@code rounds} GETs of each URI ({@code theirs} may be null): both are
     * warmed up first for {@link #WARM_UP} (a broker that has run for a while has compiled its
     * request path, and so has this JVM's HTTP client), then the rounds alternate between them so
     * the machine's noise falls on both alike.
     */
    private static double[][] timeSideBySide(URI ours, URI theirs, int rounds) throws Exception {
        HttpRequest ourRequest = get(ours);
        HttpRequest theirRequest = theirs == null ? null : get(theirs);
        warmUp(ourRequest);
        if (theirRequest != null) {
            warmUp(theirRequest);
        }
        double[] ourMs = new double[rounds];
        double[] theirMs = theirRequest == null ? null : new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ourMs[i] = timeOne(ourRequest);
            if (theirRequest != null) {
                theirMs[i] = timeOne(theirRequest);
            }
        }
        return new double[][] {percentiles(ourMs), theirMs == null ? null : percentiles(theirMs)};
    }

    private static void warmUp(HttpRequest request) throws Exception {
        long end = System.nanoTime() + WARM_UP.toNanos();
        for (int done = 0; done < 10 || System.nanoTime() < end; done++) {
            timeOne(request);
        }
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes())).build();
    }

    private static double timeOne(HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> r = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        double ms = (System.nanoTime() - start) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + r.statusCode());
        }
        return ms;
    }

    private static double[] percentiles(double[] ms) {
        Arrays.sort(ms);
        int n = ms.length;
        return new double[] {ms[(int) (n * 0.50)], ms[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)]};
    }

    private static String fmt(double ms) {
        return String.format("%.1f", ms);
    }
}
