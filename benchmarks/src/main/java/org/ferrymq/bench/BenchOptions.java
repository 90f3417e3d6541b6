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
 *                   a {@code ./ferrymq} started by the harness (e.g. RabbitMQ itself, to test the harness)
 * @param suite      the group the scenarios come from; it names the results file
 * @param brokerDataDir parent of the FerryMQ child's data directory (one per run, deleted afterwards)
 */
public record BenchOptions(int seconds, int repetitions, int warmupSeconds, boolean quick,
                           String rabbitmqUri, Optional<String> ferrymqUri, List<BrokerScenario> scenarios,
                           Path resultsDir, Path logDir, String perfTestHeap,
                           String command, String revision, Suite suite, Path brokerDataDir) {

    /** Options as they were before suites: the broker suite, data under benchmarks/target. */
    public BenchOptions(int seconds, int repetitions, int warmupSeconds, boolean quick,
                        String rabbitmqUri, Optional<String> ferrymqUri, List<BrokerScenario> scenarios,
                        Path resultsDir, Path logDir, String perfTestHeap,
                        String command, String revision) {
        this(seconds, repetitions, warmupSeconds, quick, rabbitmqUri, ferrymqUri, scenarios, resultsDir, logDir,
                perfTestHeap, command, revision, Suite.BROKER, DEFAULT_BROKER_DATA_DIR);
    }

    public static final String DEFAULT_RABBITMQ_URI = "amqp://guest:guest@127.0.0.1:5682";
    /** On the disk of the checkout (not tmpfs), so the broker's fsyncs are real ones. */
    public static final Path DEFAULT_BROKER_DATA_DIR = Path.of("benchmarks", "target", "broker-data");

    public static final String USAGE = """
            usage: benchmarks/run-broker-bench.sh [options]
              --help                  this text
              --quick                 smoke check: 5 s runs, 1 repetition, 3 s warm-up
              --seconds N             length of each PerfTest run (default 20)
              --repetitions N         runs per broker and scenario; the median is reported (default 3)
              --warmup N              seconds of unrecorded load on each broker first (default 10, 0 = none)
              --suite NAME            broker (default): transient messages, results broker-DATE.md;
                                      durability: persistent messages, durable queue, confirms,
                                      manual acks, results durability-DATE.md
              --scenarios A,B         only these scenarios of the suite, by id or number (default all);
                                      broker: 1 direct-16b, 2 direct-1k, 3 fanout-4, 4 topic-4, 5 latency-5k
                                      durability: 1 persistent-16b, 2 persistent-4k,
                                      3 persistent-16b-4x4, 4 persistent-4k-4x4
                                      (ids of the durability suite imply --suite durability;
                                      --scenarios persistent = the whole durability suite)
              --rabbitmq-uri URI      the RabbitMQ peer (default amqp://guest:guest@127.0.0.1:5682)
              --ferrymq-uri URI       use this running broker as the FerryMQ half instead of starting
                                      one (point it at RabbitMQ to test the harness end to end)
              --broker-data-dir DIR   where the FerryMQ broker JVM keeps its store, in a fresh
                                      subdirectory per run, deleted afterwards; must not be tmpfs
                                      (default benchmarks/target/broker-data)
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
        String scenarioList = null;
        Suite suite = null;
        Path brokerDataDir = DEFAULT_BROKER_DATA_DIR;
        Path resultsDir = Path.of("benchmarks", "results");
        Path logDir = Path.of("benchmarks", "target", "bench-logs");
        String perfTestHeap = "1g";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
                case "--repetitions" -> repetitions = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--scenarios" -> scenarioList = value(args, ++i, arg);
                case "--suite" -> suite = Suite.byId(value(args, ++i, arg));
                case "--broker-data-dir" -> brokerDataDir = Path.of(value(args, ++i, arg));
                case "--rabbitmq-uri" -> rabbitmqUri = value(args, ++i, arg);
                case "--ferrymq-uri" -> ferrymqUri = value(args, ++i, arg);
                case "--perftest-heap" -> perfTestHeap = value(args, ++i, arg);
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i, arg));
                case "--log-dir" -> logDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (suite == null) {
            suite = scenarioList != null && impliesDurability(scenarioList) ? Suite.DURABILITY : Suite.BROKER;
        }
        List<BrokerScenario> scenarios = scenarioList == null || scenarioList.equals("persistent")
                ? suite.scenarios() : selectScenarios(suite, scenarioList);
        String command = System.getProperty("bench.command",
                "java org.ferrymq.bench.BrokerBench " + String.join(" ", args));
        return new BenchOptions(
                seconds != null ? seconds : quick ? 5 : 20,
                repetitions != null ? repetitions : quick ? 1 : 3,
                warmup != null ? warmup : quick ? 3 : 10,
                quick, rabbitmqUri, Optional.ofNullable(ferrymqUri), scenarios, resultsDir, logDir,
                perfTestHeap, command, System.getProperty("bench.revision", "unknown"), suite, brokerDataDir);
    }

    /** "persistent", or a list whose first id is one of the durability suite's. */
    private static boolean impliesDurability(String list) {
        String first = list.split(",")[0].trim();
        return first.equals("persistent")
                || BrokerScenario.durability().stream().anyMatch(s -> s.id().equals(first));
    }

    /** Scenarios by id ("fanout-4") or by their 1-based number in the suite's list. */
    static List<BrokerScenario> selectScenarios(Suite suite, String list) {
        List<BrokerScenario> all = suite.scenarios();
        List<BrokerScenario> chosen = new ArrayList<>();
        for (String item : list.split(",")) {
            String wanted = item.trim();
            BrokerScenario match = all.stream()
                    .filter(s -> s.id().equals(wanted) || Integer.toString(all.indexOf(s) + 1).equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + wanted
                            + (suite == Suite.BROKER ? "" : " in suite " + suite.id())));
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
