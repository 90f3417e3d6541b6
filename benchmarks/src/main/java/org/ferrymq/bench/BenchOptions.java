package org.ferrymq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The harness's command line, parsed once. {@code --quick} changes the defaults (5 s runs,
 * 1 repetition, 3 s warm-up) for smoke checks; explicit options still win over it.
 *
 * @param command    the command line as the user typed it (from the script), for the report
 * @param revision   the git commit the broker and harness were built from, for the report
 * @param ferrymqUri when present, the FerryMQ half runs against this external broker instead of
 *                   a {@link BenchBroker} child (e.g. RabbitMQ itself, to test the harness)
 */
public record BenchOptions(int seconds, int repetitions, int warmupSeconds, boolean quick,
                           String rabbitmqUri, Optional<String> ferrymqUri, List<BrokerScenario> scenarios,
                           Path resultsDir, Path logDir, String brokerHeap, String perfTestHeap,
                           String command, String revision) {

    public static final String DEFAULT_RABBITMQ_URI = "amqp://guest:guest@127.0.0.1:5682";

    public static final String USAGE = """
            usage: benchmarks/run-broker-bench.sh [options]
              --help                  this text
              --quick                 smoke check: 5 s runs, 1 repetition, 3 s warm-up
              --seconds N             length of each PerfTest run (default 20)
              --repetitions N         runs per broker and scenario; the median is reported (default 2)
              --warmup N              seconds of unrecorded load on each broker first (default 10, 0 = none)
              --scenarios A,B         only these scenarios, by id or number 1-5 (default all):
                                      1 direct-16b, 2 direct-1k, 3 fanout-4, 4 topic-4, 5 latency-5k
              --rabbitmq-uri URI      the RabbitMQ peer (default amqp://guest:guest@127.0.0.1:5682)
              --ferrymq-uri URI       use this running broker as the FerryMQ half instead of starting
                                      one (point it at RabbitMQ to test the harness end to end)
              --broker-heap SIZE      -Xmx of the FerryMQ broker JVM (default 2g)
              --perftest-heap SIZE    -Xmx of each PerfTest JVM (default 1g)
              --results-dir DIR       where the Markdown report goes (default benchmarks/results)
              --log-dir DIR           where per-run logs go (default benchmarks/target/bench-logs)
            """;

    public static BenchOptions parse(String[] args) {
        Integer seconds = null;
        Integer repetitions = null;
        Integer warmup = null;
        boolean quick = false;
        String rabbitmqUri = DEFAULT_RABBITMQ_URI;
        String ferrymqUri = null;
        List<BrokerScenario> scenarios = BrokerScenario.standard();
        Path resultsDir = Path.of("benchmarks", "results");
        Path logDir = Path.of("benchmarks", "target", "bench-logs");
        String brokerHeap = "2g";
        String perfTestHeap = "1g";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
                case "--repetitions" -> repetitions = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--scenarios" -> scenarios = selectScenarios(value(args, ++i, arg));
                case "--rabbitmq-uri" -> rabbitmqUri = value(args, ++i, arg);
                case "--ferrymq-uri" -> ferrymqUri = value(args, ++i, arg);
                case "--broker-heap" -> brokerHeap = value(args, ++i, arg);
                case "--perftest-heap" -> perfTestHeap = value(args, ++i, arg);
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i, arg));
                case "--log-dir" -> logDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        String command = System.getProperty("bench.command",
                "java org.ferrymq.bench.BrokerBench " + String.join(" ", args));
        return new BenchOptions(
                seconds != null ? seconds : quick ? 5 : 20,
                repetitions != null ? repetitions : quick ? 1 : 2,
                warmup != null ? warmup : quick ? 3 : 10,
                quick, rabbitmqUri, Optional.ofNullable(ferrymqUri), scenarios, resultsDir, logDir,
                brokerHeap, perfTestHeap, command, System.getProperty("bench.revision", "unknown"));
    }

    /** Scenarios by id ("fanout-4") or by their 1-based number in the standard list. */
    static List<BrokerScenario> selectScenarios(String list) {
        List<BrokerScenario> all = BrokerScenario.standard();
        List<BrokerScenario> chosen = new ArrayList<>();
        for (String item : list.split(",")) {
            String wanted = item.trim();
            BrokerScenario match = all.stream()
                    .filter(s -> s.id().equals(wanted) || Integer.toString(all.indexOf(s) + 1).equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + wanted));
            if (!chosen.contains(match)) {
                chosen.add(match);
            }
        }
        return List.copyOf(chosen);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }
}
