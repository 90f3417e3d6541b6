package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ferrymq.bench.BenchMain;
import org.ferrymq.bench.FerryLauncher;
import org.ferrymq.bench.MachineDescription;

/**
 * Recovery time: start a broker on empty data, fill one durable queue with persistent messages
 * (confirmed), stop it — cleanly, then in a second round with SIGKILL — and time the restart from
 * launching it to ready, and to a passive declare reporting every message. FerryMQ is the real
 * server ({@code FerryServerMain}); RabbitMQ a private node of its own (never the shared peer),
 * unless {@code --skip-rabbitmq}. The brokers alternate within each round. Run through
 * {@code benchmarks/run-durability-bench.sh recovery}; this is a CLI: progress goes to stdout.
 */
public final class RecoveryBench {
    static final StoreBenchOptions.Defaults DEFAULTS = new StoreBenchOptions.Defaults(1_000_000, 100_000, 100, "1g");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration COUNT_TIMEOUT = Duration.ofMinutes(5);
    private static final String QUEUE = "recovery-bench-q";

    private final StoreBenchOptions options;
    private final Instant startedAt = Instant.now();
    private final Path logDir;

    private RecoveryBench(StoreBenchOptions options) {
        this.options = options;
        this.logDir = options.logDir().resolve("recovery-" + STAMP.format(startedAt));
    }

    public static void main(String[] args) {
        BenchMain.main(args, StoreBenchOptions.usage("benchmarks/run-durability-bench.sh recovery", DEFAULTS),
                a -> StoreBenchOptions.parse(a, DEFAULTS), "recovery benchmark", options -> new RecoveryBench(options).run());
    }

    private int run() throws IOException {
        FerryLauncher server = StoreBenchSetup.serverLauncher();
        String rabbitProblem = options.withRabbitmq() ? RabbitRecoveryTarget.unavailableReason() : "skipped (--skip-rabbitmq)";
        double loadAtStart = MachineDescription.loadAverage();
        say(String.format("recovery benchmark: %,d persistent %d-byte messages, FerryMQ -Xmx%s, RabbitMQ %s; logs in %s",
                options.messages(), options.sizeBytes(), options.brokerHeap(),
                rabbitProblem == null ? "private node on port " + options.rabbitmqPort() : rabbitProblem, logDir));
        List<RecoveryRun> runs = new ArrayList<>();
        for (RecoveryRun.StopMode mode : RecoveryRun.StopMode.values()) {
            String name = "recovery-" + STAMP.format(startedAt) + "-" + mode.name().toLowerCase();
            List<RecoveryTarget> targets = new ArrayList<>();
            targets.add(new FerryRecoveryTarget(server, List.of("-Xmx" + options.brokerHeap()),
                    StoreBenchSetup.freshDataDir(options.dataDir(), name), logDir));
            if (rabbitProblem == null) {
                targets.add(new RabbitRecoveryTarget(options.rabbitmqPort(),
                        StoreBenchSetup.freshDataDir(options.dataDir(), name + "-rabbitmq"), logDir));
            }
            for (RecoveryTarget target : targets) {
                try {
                    RecoveryRun run = measure(target, mode);
                    runs.add(run);
                    say(run.ok() ? String.format("%s, %s: ready after %s, %,d messages counted after %s",
                            target.displayName(), mode.description(), RecoveryReport.seconds(run.toReady()), run.countFound(),
                            run.toCount().map(RecoveryReport::seconds).orElse("never"))
                            : target.displayName() + ", " + mode.description() + ": FAILED: " + run.failure());
                } finally {
                    target.clean();
                }
            }
        }
        RecoveryReport report = new RecoveryReport(startedAt, MachineDescription.current(), options,
                options.dataDir().toAbsolutePath().normalize() + " (" + StoreBenchSetup.filesystemOf(options.dataDir()) + ")",
                rabbitProblem, runs, loadAtStart, MachineDescription.loadAverage());
        String markdown = report.render();
        Path output = options.resultsDir().resolve("recovery-" + DAY.format(startedAt) + (options.quick() ? "-quick" : "") + ".md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, markdown);
        say("");
        System.out.print(markdown);
        say("written to " + output);
        return runs.stream().allMatch(RecoveryRun::ok) ? 0 : 1;
    }

    private RecoveryRun measure(RecoveryTarget target, RecoveryRun.StopMode mode) {
        String broker = target.displayName();
        String tag = mode.name().toLowerCase();
        Duration emptyStart;
        QueueFiller.Result fill;
        Optional<Duration> stopTime = Optional.empty();
        try (RecoveryTarget.Launched first = target.launch(tag + "-1-fill")) {
            emptyStart = first.timeToReady();
            StoreAdmin.declareDurableQueue(first.amqpUri(), QUEUE);
            say(String.format("%s, %s: filling %,d messages ...", broker, mode.description(), options.messages()));
            fill = new QueueFiller(first.amqpUri(), QUEUE, options.sizeBytes(), options.publishers(), options.confirmWindow())
                    .fill(options.messages());
            say(String.format("  filled in %s (%,.0f msg/s confirmed)", RecoveryReport.seconds(fill.elapsed()), fill.ratePerSecond()));
            if (mode == RecoveryRun.StopMode.CLEAN) {
                stopTime = Optional.of(first.stopCleanly(STOP_TIMEOUT));
            } else {
                first.kill();
            }
        } catch (IOException e) {
            return RecoveryRun.failed(broker, mode, options.messages(), options.sizeBytes(), "fill: " + e.getMessage());
        }
        try (RecoveryTarget.Launched second = target.launch(tag + "-2-restart")) {
            Duration toReady = second.timeToReady();
            long count = StoreAdmin.awaitCount(second.amqpUri(), QUEUE, options.messages(), COUNT_TIMEOUT);
            Optional<Duration> toCount = count == options.messages()
                    ? Optional.of(Duration.ofNanos(System.nanoTime() - second.launchedNanos())) : Optional.empty();
            StoreAdmin.deleteQueueQuietly(second.amqpUri(), QUEUE);
            second.stopCleanly(STOP_TIMEOUT);
            return new RecoveryRun(broker, mode, options.messages(), options.sizeBytes(), emptyStart, fill, stopTime, toReady,
                    toCount, count, null);
        } catch (IOException e) {
            return RecoveryRun.failed(broker, mode, options.messages(), options.sizeBytes(), "restart: " + e.getMessage());
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
