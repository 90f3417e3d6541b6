package org.ferrymq.bench.game;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.bench.MachineDescription;
import org.ferrymq.examples.game.GameServer;
import org.ferrymq.examples.game.GameTopology;

/**
 * The game example under load: N bot players over M game servers (the example's Java
 * {@link GameServer}, each with its own connection and an equal share of the rooms), every bot
 * acting at a fixed rate; action-to-state-update latency (p50/p99/p99.9) and actions/s, for each
 * broker in the same run, brokers alternating, every run printed.
 *
 * <p>Usage: {@code GameBench --broker NAME=URI [--broker NAME=URI ...] [--players 100,1000,5000]
 * [--servers 2] [--rate 10] [--seconds 15] [--warmup 5] [--runs 3] [--players-per-room 10]
 * [--report FILE]}. Started by {@code benchmarks/run-game-bench.sh}.
 */
public final class GameBench {
    private record RunResult(String broker, int players, int run, double actionsPerSecond, long updates, long errors,
                             long p50, long p99, long p999) {
        String line() {
            return String.format(Locale.ROOT, "%-9s players %5d run %d: %8.0f actions/s sent, %7d updates timed, %5d errors, "
                    + "p50 %s  p99 %s  p99.9 %s", broker, players, run, actionsPerSecond, updates, errors,
                    ms(p50), ms(p99), ms(p999));
        }
    }

    private GameBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> brokers = new LinkedHashMap<>();
        List<Integer> playerCounts = List.of(100, 1000, 5000);
        int servers = 2;
        double rate = 10;
        int seconds = 15;
        int warmup = 5;
        int runs = 3;
        int perRoom = 10;
        Path report = null;
        for (int i = 0; i < argv.length - 1; i += 2) {
            String value = argv[i + 1];
            switch (argv[i]) {
                case "--broker" -> brokers.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                case "--players" -> playerCounts = Arrays.stream(value.split(",")).map(Integer::parseInt).toList();
                case "--servers" -> servers = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--players-per-room" -> perRoom = Integer.parseInt(value);
                case "--report" -> report = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        System.out.printf("game benchmark %s: players %s, %d game servers, %.0f actions/s per player, %d s measured after %d s warm-up, %d runs%n",
                started, playerCounts, servers, rate, seconds, warmup, runs);
        System.out.println(MachineDescription.current().summary() + ", load average " + MachineDescription.loadAverage());
        List<RunResult> results = new ArrayList<>();
        for (int players : playerCounts) {
            for (int run = 1; run <= runs; run++) {
                for (Map.Entry<String, String> broker : brokers.entrySet()) {
                    RunResult result = runOnce(broker.getKey(), broker.getValue(), players, servers, rate, seconds, warmup,
                            perRoom, run);
                    results.add(result);
                    System.out.println(result.line() + "  (load average " + MachineDescription.loadAverage() + ")");
                }
            }
        }
        String table = table(results, brokers.keySet(), playerCounts, rate);
        System.out.println();
        System.out.println(table);
        if (report != null) {
            StringBuilder md = new StringBuilder("# Game benchmark, " + started + "\n\n")
                    .append("Command: `").append(System.getProperty("bench.command", "GameBench")).append("`, commit ")
                    .append(System.getProperty("bench.revision", "unknown")).append(".\n")
                    .append(MachineDescription.current().summary()).append("\n\n").append(table).append("\n\nEvery run:\n\n```\n");
            results.forEach(r -> md.append(r.line()).append('\n'));
            md.append("```\n");
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, md.toString());
            System.out.println("report: " + report);
        }
    }

    private static RunResult runOnce(String name, String uri, int players, int serverCount, double rate, int seconds,
                                     int warmup, int perRoom, int run) throws Exception {
        int rooms = (players + perRoom - 1) / perRoom;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setRequestedChannelMax(0);
        cleanUp(factory, rooms);
        List<GameServer> servers = new ArrayList<>();
        try (Connection admin = factory.newConnection("game-bench-admin"); Channel channel = admin.createChannel()) {
            GameTopology.declare(channel, rooms);
        }
        try {
            List<String> all = GameTopology.rooms(rooms);
            for (int s = 0; s < serverCount; s++) {
                List<String> primary = new ArrayList<>();
                for (int r = s; r < rooms; r += serverCount) {
                    primary.add(all.get(r));
                }
                servers.add(new GameServer(factory.newConnection("game-server-" + s), all, primary, 50, 500,
                        new GameServer.Listener() { }).start());
            }
            Thread.sleep(1_000);   // the standby subscriptions are in
            try (BotFleet fleet = new BotFleet(uri, players, perRoom)) {
                fleet.join(120_000);
                long start = System.nanoTime();
                long from = start + warmup * 1_000_000_000L;
                long until = from + seconds * 1_000_000_000L;
                fleet.measure(from, until);
                fleet.play(rate);
                Thread.sleep((warmup) * 1_000L);
                long sentAtFrom = fleet.sent();
                Thread.sleep(seconds * 1_000L);
                long sentInWindow = fleet.sent() - sentAtFrom;
                fleet.stop();
                awaitQuiet(fleet);   // the window's last answers come in, however late
                long[] p = fleet.latencies().percentiles(50, 99, 99.9);
                return new RunResult(name, players, run, sentInWindow / (double) seconds, fleet.latencies().count(),
                        fleet.errors(), p[0], p[1], p[2]);
            }
        } finally {
            for (GameServer server : servers) {
                try {
                    server.close();
                } catch (IOException | RuntimeException ignored) {
                    // the broker closed it already
                }
            }
            cleanUp(factory, rooms);
        }
    }

    /** Until the window's answers stop coming (none new for 2 s after the first), at most 30 s. */
    private static void awaitQuiet(BotFleet fleet) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        long last = -1;
        while (System.currentTimeMillis() < deadline && (fleet.timed() == 0 || fleet.timed() != last)) {
            last = fleet.timed();
            Thread.sleep(2_000);
        }
    }

    private static void cleanUp(ConnectionFactory factory, int rooms) throws Exception {
        try (Connection admin = factory.newConnection("game-bench-cleanup")) {
            List<String> queues = new ArrayList<>(List.of(GameTopology.UNKNOWN_ROOM_QUEUE, GameTopology.REWARDS_QUEUE));
            for (String room : GameTopology.rooms(rooms)) {
                queues.add(GameTopology.roomQueue(room));
                queues.add(GameTopology.snapshotQueue(room));
            }
            Channel channel = admin.createChannel();
            for (String queue : queues) {
                if (!channel.isOpen()) {
                    channel = admin.createChannel();
                }
                channel.queueDelete(queue);
            }
        }
    }

    /** The p99 table: one row per player count, median of the runs per broker. */
    private static String table(List<RunResult> results, Iterable<String> brokers, List<Integer> counts, double rate) {
        List<String> names = new ArrayList<>();
        brokers.forEach(names::add);
        StringBuilder out = new StringBuilder("| players (x " + (int) rate + " actions/s) |");
        for (String b : names) {
            out.append(' ').append(b).append(" actions/s | ").append(b).append(" p50 / p99 / p99.9 |");
        }
        if (names.size() == 2) {
            out.append(" p99 ratio (").append(names.get(1)).append(" / ").append(names.get(0)).append(") |");
        }
        out.append('\n').append("|---|").append("---:|---:|".repeat(names.size())).append(names.size() == 2 ? "---:|" : "").append('\n');
        for (int players : counts) {
            out.append("| ").append(String.format(Locale.ROOT, "%,d", players)).append(" |");
            long[] p99s = new long[names.size()];
            for (int b = 0; b < names.size(); b++) {
                String name = names.get(b);
                List<RunResult> mine = results.stream().filter(r -> r.broker().equals(name) && r.players() == players).toList();
                double rateMedian = median(mine.stream().mapToDouble(RunResult::actionsPerSecond).toArray());
                long p50 = (long) median(mine.stream().mapToDouble(RunResult::p50).toArray());
                long p99 = (long) median(mine.stream().mapToDouble(RunResult::p99).toArray());
                long p999 = (long) median(mine.stream().mapToDouble(RunResult::p999).toArray());
                p99s[b] = p99;
                out.append(String.format(Locale.ROOT, " %,.0f | %s / %s / %s |", rateMedian, ms(p50), ms(p99), ms(p999)));
            }
            if (names.size() == 2) {
                out.append(String.format(Locale.ROOT, " %.2fx |", p99s[1] / (double) Math.max(1, p99s[0])));
            }
            out.append('\n');
        }
        out.append("\nmedians of the runs; latency from an action's publish to the state update reporting it in the bot's own queue\n");
        return out.toString();
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return -1;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String ms(long micros) {
        return micros < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
