package org.ferrymq.bench.jms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JMS harness's command line, parsed once. {@code --quick} changes the defaults (2 s runs,
 * 1 repetition, 1 s warm-up, 15 s drain) for smoke checks; explicit options still win over it.
 *
 * @param seconds     how long the producer sends in each run
 * @param maxMessages the producer also stops after this many messages
 * @param drainSeconds how long subscribers may take for the rest once the producer stopped
 * @param consumption subscribers are MessageListeners (default) or threads calling receive()
 * @param ferrymqUri  when present, the FerryMQ amqp:// target uses this running broker instead of a child JVM
 * @param vmUri       when present, the FerryMQ vm:// target connects here instead of to a broker the harness starts
 * @param command     the command line as the user typed it (from the script), for the report
 * @param revision    the git commit measured, for the report
 */
public record JmsBenchOptions(int seconds, long maxMessages, int drainSeconds, int repetitions, int warmupSeconds,
                              boolean quick, List<JmsScenario> scenarios, List<TargetId> targets,
                              ScenarioRunner.Consumption consumption,
                              String rabbitmqUri, Optional<String> ferrymqUri, Optional<String> vmUri,
                              Path resultsDir, Path logDir, String command, String revision) {

    public static final String DEFAULT_RABBITMQ_URI = "amqp://guest:guest@127.0.0.1:5682";

    public static final String USAGE = """
            usage: benchmarks/run-jms-bench.sh [options]
              --help                  this text
              --quick                 smoke check: 2 s runs, 1 repetition, 1 s warm-up, 15 s drain
              --seconds N             how long the producer sends in each run (default 10)
              --max-messages N        the producer also stops after N messages (default 2,000,000)
              --drain N               seconds the subscribers get for the rest afterwards (default 120:
                                      a broker that takes sends faster than they drain needs it)
              --repetitions N         runs per target and scenario; the median is reported (default 3)
              --warmup N              seconds of unrecorded load on each target first (default 5, 0 = none)
              --scenarios A,B         only these scenarios, by id or number 1-8 (default all):
                                      1 queue-np, 2 queue-p, 3 queue-p-nowait, 4 async-1000, 5 tx-100,
                                      6 topic-4, 7 client-ack-100, 8 latency-5k
                                      (queue-p-nowait: FerryMQ's and Artemis's synchronous PERSISTENT
                                      sends with blockOnDurableSend=false, as the RabbitMQ JMS
                                      client's are; the like-for-like figure against that client)
              --targets A,B           only these targets (default all): ferrymq-vm, artemis-invm,
                                      ferrymq-amqp, rabbitmq-jms, artemis-tcp
              --consume MODE          listener (default: a MessageListener per subscriber) or receive
                                      (a thread per subscriber calling receive())
              --rabbitmq-uri URI      the RabbitMQ peer (default amqp://guest:guest@127.0.0.1:5682)
              --ferrymq-uri URI       FerryMQ amqp:// target against this running broker instead of
                                      starting one (point it at RabbitMQ to test the harness)
              --vm-uri URI            FerryMQ vm:// target on this URI, broker found or started by the
                                      transport (default: the harness starts a broker, vm://jmsbench)
              --results-dir DIR       where the Markdown report goes (default benchmarks/results)
              --log-dir DIR           where logs go (default benchmarks/target/bench-logs)
            """;

    public static JmsBenchOptions parse(String[] args) {
        Integer seconds = null;
        Integer repetitions = null;
        Integer warmup = null;
        Integer drain = null;
        long maxMessages = 2_000_000;
        boolean quick = false;
        List<JmsScenario> scenarios = JmsScenario.standard();
        List<TargetId> targets = List.of(TargetId.values());
        ScenarioRunner.Consumption consumption = ScenarioRunner.Consumption.LISTENER;
        String rabbitmqUri = DEFAULT_RABBITMQ_URI;
        String ferrymqUri = null;
        String vmUri = null;
        Path resultsDir = Path.of("benchmarks", "results");
        Path logDir = Path.of("benchmarks", "target", "bench-logs");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
                case "--max-messages" -> maxMessages = positive(arg, value(args, ++i, arg));
                case "--drain" -> drain = positive(arg, value(args, ++i, arg));
                case "--repetitions" -> repetitions = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--scenarios" -> scenarios = selectScenarios(value(args, ++i, arg));
                case "--targets" -> targets = selectTargets(value(args, ++i, arg));
                case "--consume" -> consumption = consumption(value(args, ++i, arg));
                case "--rabbitmq-uri" -> rabbitmqUri = value(args, ++i, arg);
                case "--ferrymq-uri" -> ferrymqUri = value(args, ++i, arg);
                case "--vm-uri" -> vmUri = value(args, ++i, arg);
                case "--no-block-on-durable-send" -> throw new IllegalArgumentException(
                        "--no-block-on-durable-send is gone: scenario queue-p-nowait measures such sends in every run");
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i, arg));
                case "--log-dir" -> logDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        String command = System.getProperty("bench.command", "java org.ferrymq.bench.jms.JmsBench " + String.join(" ", args));
        return new JmsBenchOptions(
                seconds != null ? seconds : quick ? 2 : 10,
                maxMessages,
                drain != null ? drain : quick ? 15 : 120,
                repetitions != null ? repetitions : quick ? 1 : 3,
                warmup != null ? warmup : quick ? 1 : 5,
                quick, scenarios, targets, consumption, rabbitmqUri, Optional.ofNullable(ferrymqUri), Optional.ofNullable(vmUri),
                resultsDir, logDir, command, System.getProperty("bench.revision", "unknown"));
    }

    /**
     * The latency scenario sends {@value #LATENCY_RUN_FACTOR}× as long: at 5,000 msg/s a 10 s run's
     * p99 is its slowest 500 messages, which one GC pause or scheduler stall in the shared JVM fills.
     */
    public static final int LATENCY_RUN_FACTOR = 3;

    public RunLimits runLimits() {
        return new RunLimits(java.time.Duration.ofSeconds(seconds), maxMessages, java.time.Duration.ofSeconds(drainSeconds));
    }

    public RunLimits runLimits(JmsScenario scenario) {
        int factor = scenario.kind() == JmsScenario.Kind.LATENCY ? LATENCY_RUN_FACTOR : 1;
        return new RunLimits(java.time.Duration.ofSeconds((long) seconds * factor), maxMessages,
                java.time.Duration.ofSeconds(drainSeconds));
    }

    private static ScenarioRunner.Consumption consumption(String text) {
        return switch (text) {
            case "listener" -> ScenarioRunner.Consumption.LISTENER;
            case "receive" -> ScenarioRunner.Consumption.RECEIVE;
            default -> throw new IllegalArgumentException("--consume takes listener or receive, not " + text);
        };
    }

    /** Scenarios by id ("topic-4") or by their 1-based number in the standard list. */
    static List<JmsScenario> selectScenarios(String list) {
        List<JmsScenario> all = JmsScenario.standard();
        List<JmsScenario> chosen = new ArrayList<>();
        for (String item : list.split(",")) {
            String wanted = item.trim();
            JmsScenario match = all.stream()
                    .filter(s -> s.id().equals(wanted) || Integer.toString(all.indexOf(s) + 1).equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + wanted));
            if (!chosen.contains(match)) {
                chosen.add(match);
            }
        }
        return List.copyOf(chosen);
    }

    /** Targets by slug, kept in the standard alternation order whatever order they were given in. */
    static List<TargetId> selectTargets(String list) {
        List<TargetId> wanted = new ArrayList<>();
        for (String item : list.split(",")) {
            wanted.add(TargetId.parse(item));
        }
        return List.of(TargetId.values()).stream().filter(wanted::contains).toList();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String text) {
        int n = nonNegative(option, text);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + text);
        }
        return n;
    }

    private static int nonNegative(String option, String text) {
        try {
            int n = Integer.parseInt(text.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new IllegalArgumentException(option + " must not be negative, got " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got " + text);
        }
    }
}
