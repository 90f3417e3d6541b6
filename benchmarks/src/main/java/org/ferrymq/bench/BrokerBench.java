package org.ferrymq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The broker benchmark: every scenario against FerryMQ and RabbitMQ in the same run, brokers
 * alternating (FerryMQ, RabbitMQ, FerryMQ, RabbitMQ, ...) so that whatever else the machine is
 * doing hits both, then a Markdown table of medians. Run it through
 * {@code benchmarks/run-broker-bench.sh}, which builds the classpath. This is a CLI: progress
 * goes to stdout.
 */
public final class BrokerBench {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(60);
    /** PerfTest's own --time ends a run; this is only for a hung one (slow start, stuck shutdown). */
    private static final Duration PERFTEST_GRACE = Duration.ofSeconds(60);

    private final BenchOptions options;
    private final Instant startedAt = Instant.now();
    private final Path logDir;
    private final JavaLauncher java = JavaLauncher.ofCurrentJvm();
    private final PerfTestProcess perfTest;
    private final Map<Broker, String> uris = new EnumMap<>(Broker.class);
    private FerryBrokerProcess ferryProcess;
    private String ferryStartFailure;
    private Path ferryDataDir;

    private BrokerBench(BenchOptions options) {
        this.options = options;
        this.logDir = options.logDir().resolve(STAMP.format(startedAt));
        this.perfTest = new PerfTestProcess(java, List.of("-Xms256m", "-Xmx" + options.perfTestHeap()));
    }

    public static void main(String[] args) {
        BenchMain.main(args, BenchOptions.USAGE, BenchOptions::parse, "benchmark", options -> new BrokerBench(options).run());
    }

    private int run() throws IOException {
        String rabbitSide;
        try {
            rabbitSide = BrokerAdmin.serverDescription(options.rabbitmqUri()) + " at " + withoutCredentials(options.rabbitmqUri())
                    + (options.suite() == Suite.DURABILITY ? rabbitStorage() : "");
        } catch (Exception e) {
            System.err.println("RabbitMQ peer not reachable at " + withoutCredentials(options.rabbitmqUri()) + ": " + e
                    + "\nstart it with scripts/rabbitmq-peer.sh start");
            return 1;
        }
        uris.put(Broker.RABBITMQ, options.rabbitmqUri());
        String ferrySide = provideFerryMq();
        Thread stopBroker = new Thread(this::stopFerryMq, "bench-stop-broker");
        Runtime.getRuntime().addShutdownHook(stopBroker);

        say("FerryMQ:  " + ferrySide);
        say("RabbitMQ: " + rabbitSide);
        say("logs:     " + logDir);
        double loadAtStart = MachineDescription.loadAverage();
        List<Measurement> runs;
        try {
            warmUp();
            runs = measureAll();
        } finally {
            stopFerryMq();
        }

        BenchReport report = new BenchReport(startedAt, MachineDescription.current(), options, ferrySide, rabbitSide,
                BenchReport.summarise(options.scenarios(), runs), runs,
                new BenchReport.LoadAverages(loadAtStart, MachineDescription.loadAverage()));
        String markdown = MarkdownReport.render(report);
        Path output = options.resultsDir().resolve(resultFileName());
        Files.createDirectories(output.getParent());
        Files.writeString(output, markdown);
        say("");
        System.out.print(markdown);
        say("");
        say("written to " + output);
        return 0;
    }

    /** Starts {@code ./ferrymq}, or takes the external URI; a failure is reported, not thrown. */
    private String provideFerryMq() {
        if (options.ferrymqUri().isPresent()) {
            String uri = options.ferrymqUri().get();
            uris.put(Broker.FERRYMQ, uri);
            String who;
            try {
                who = BrokerAdmin.serverDescription(uri);
            } catch (Exception e) {
                who = "not reachable: " + e.getMessage();
            }
            return "EXTERNAL broker at " + withoutCredentials(uri) + " (" + who + "), not a FerryMQ started by the harness";
        }
        try {
            String storage = prepareDataDir();
            FerryLauncher launcher = locateLauncher();
            ferryProcess = FerryBrokerProcess.start(launcher, ferryDataDir, logDir.resolve("ferrymq-broker.log"), BROKER_START_TIMEOUT);
            uris.put(Broker.FERRYMQ, ferryProcess.amqpUri());
            return launcher.script() + " (its defaults, no JAVA_OPTS) at " + withoutCredentials(ferryProcess.amqpUri()) + ", " + storage;
        } catch (BrokerStartException e) {
            ferryStartFailure = e.getMessage();
            say("FerryMQ " + e.getMessage() + "; measuring RabbitMQ only");
            return e.getMessage();
        }
    }

    private static FerryLauncher locateLauncher() throws BrokerStartException {
        try {
            return FerryLauncher.locate();
        } catch (IOException e) {
            throw new BrokerStartException("broker failed to start: " + e.getMessage());
        }
    }

    /** A fresh data directory for this run, on a real disk; says where it is for the report. */
    private String prepareDataDir() throws BrokerStartException {
        Path dir = options.brokerDataDir().toAbsolutePath().normalize().resolve(STAMP.format(startedAt));
        MountTable mounts = MountTable.current();
        if (mounts.mountOf(dir).map(MountTable.Mount::inMemory).orElse(false)) {
            throw new BrokerStartException("broker failed to start: data dir " + dir + " is on "
                    + mounts.describe(dir) + "; choose a disk with --broker-data-dir");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerStartException("broker failed to start: cannot create data dir " + dir + ": " + e.getMessage());
        }
        ferryDataDir = dir;
        return "data in " + dir + " (" + mounts.describe(dir) + ")";
    }

    /** Where the RabbitMQ peer keeps its data when scripts/rabbitmq-peer.sh started it on this machine. */
    private static String rabbitStorage() {
        Path base = Path.of(System.getenv().getOrDefault("RABBITMQ_PEER_BASE", "/tmp/ferrymq-rabbitmq-peer"), "mnesia");
        if (!Files.isDirectory(base)) {
            return "";
        }
        return ", data in " + base + " (" + MountTable.current().describe(base) + ")";
    }

    private void warmUp() {
        if (options.warmupSeconds() == 0) {
            return;
        }
        BrokerScenario warmup = options.suite().scenarios().get(0);
        for (Broker broker : Broker.values()) {
            if (unavailable(broker) == null) {
                say("warm-up " + broker.displayName() + " (" + options.warmupSeconds() + " s)");
                runOnce(warmup, broker, 0, options.warmupSeconds(), "warmup");
            }
        }
    }

    private List<Measurement> measureAll() {
        List<Measurement> runs = new ArrayList<>();
        for (BrokerScenario scenario : options.scenarios()) {
            for (int repetition = 1; repetition <= options.repetitions(); repetition++) {
                for (Broker broker : Broker.values()) {
                    Measurement m = runOnce(scenario, broker, repetition, scenario.runSeconds(options.seconds()), "r" + repetition);
                    runs.add(m);
                    say(String.format("%-10s %-8s rep %d: %s", scenario.id(), broker.displayName(), repetition,
                            m.ok() ? MarkdownReport.rate(m.summary().receiveRate()) + " msg/s delivered"
                                    + ", spread " + MarkdownReport.spread(m.summary().throughputSpread())
                                    + m.summary().latency().map(l -> ", p50 " + MarkdownReport.micros(l.p50Micros())
                                    + ", p99 " + MarkdownReport.micros(l.p99Micros())).orElse("")
                                    + (scenario.kind() == BrokerScenario.Kind.LATENCY ? m.summary().steadyLatency()
                                            .map(l -> ", steady p50 " + MarkdownReport.micros(l.p50Micros())
                                                    + ", p99 " + MarkdownReport.micros(l.p99Micros())).orElse("") : "")
                                    + m.summary().confirmLatency().map(l -> ", confirm p50 " + MarkdownReport.micros(l.p50Micros())
                                    + ", p99 " + MarkdownReport.micros(l.p99Micros())).orElse("")
                                    : "FAILED: " + m.failure()));
                }
            }
        }
        return runs;
    }

    private Measurement runOnce(BrokerScenario scenario, Broker broker, int repetition, int seconds, String label) {
        String problem = unavailable(broker);
        if (problem != null) {
            return Measurement.failed(scenario, broker, repetition, problem);
        }
        String uri = uris.get(broker);
        // unique per run and short: PerfTest uses it for queue, exchange and routing key names
        String runTag = scenario.id() + "-" + broker.name().toLowerCase() + "-" + label + "-" + STAMP.format(startedAt);
        Path log = logDir.resolve(runTag + ".log");
        try {
            PerfTestSummary summary = perfTest.run(scenario.perfTestArguments(uri, runTag, seconds), log,
                    Duration.ofSeconds(seconds).plus(PERFTEST_GRACE));
            return Measurement.succeeded(scenario, broker, repetition, summary);
        } catch (PerfTestProcess.PerfTestFailure e) {
            String died = broker == Broker.FERRYMQ ? unavailable(broker) : null;
            return Measurement.failed(scenario, broker, repetition, died != null ? died + "; " + e.getMessage() : e.getMessage());
        } finally {
            if (scenario.kind() == BrokerScenario.Kind.PERSISTENT) {
                BrokerAdmin.deleteQuietly(uri, scenario.queueNames(runTag), scenario.exchangeName(runTag));
            } else {
                BrokerAdmin.deleteExchangeQuietly(uri, scenario.exchangeName(runTag));
            }
        }
    }

    /** Null when the broker can take a run; otherwise why not. */
    private String unavailable(Broker broker) {
        if (broker == Broker.RABBITMQ) {
            return null;
        }
        if (ferryStartFailure != null) {
            return ferryStartFailure;
        }
        return ferryProcess == null ? null : ferryProcess.deathNotice();
    }

    private void stopFerryMq() {
        if (ferryProcess != null) {
            ferryProcess.close();
        }
        if (ferryDataDir != null) {
            TreeDeletion.deleteQuietly(ferryDataDir);
            ferryDataDir = null;
        }
    }

    private String resultFileName() {
        return options.suite().id() + "-" + DAY.format(startedAt)
                + (options.ferrymqUri().isPresent() ? "-external" : "")
                + (options.quick() ? "-quick" : "") + ".md";
    }

    static String withoutCredentials(String uri) {
        return uri.replaceFirst("//[^@/]*@", "//");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
