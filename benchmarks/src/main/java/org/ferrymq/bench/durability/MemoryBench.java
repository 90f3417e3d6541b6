package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ferrymq.bench.BenchMain;
import org.ferrymq.bench.FerryLauncher;
import org.ferrymq.bench.MachineDescription;
import org.ferrymq.bench.TreeDeletion;

/**
 * Memory of the real FerryMQ server under a deep durable queue: started with explicit JVM memory
 * limits ({@link MemoryBudget}), filled with persistent messages (confirmed) while its resident
 * set size is sampled every second, then drained completely and the count verified. Run through
 * {@code benchmarks/run-durability-bench.sh memory}; this is a CLI: progress goes to stdout.
 */
public final class MemoryBench {
    static final StoreBenchOptions.Defaults DEFAULTS = new StoreBenchOptions.Defaults(5_000_000, 200_000, 1024, "512m");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DRAIN_IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final String QUEUE = "memory-bench-q";

    private final StoreBenchOptions options;
    private final Instant startedAt = Instant.now();
    private final Path logDir;

    private MemoryBench(StoreBenchOptions options) {
        this.options = options;
        this.logDir = options.logDir().resolve("memory-" + STAMP.format(startedAt));
    }

    public static void main(String[] args) {
        BenchMain.main(args, StoreBenchOptions.usage("benchmarks/run-durability-bench.sh memory", DEFAULTS),
                a -> StoreBenchOptions.parse(a, DEFAULTS), "memory benchmark", options -> new MemoryBench(options).run());
    }

    private int run() throws IOException {
        FerryLauncher server = StoreBenchSetup.serverLauncher();
        MemoryBudget budget = MemoryBudget.forHeap(options.brokerHeapBytes());
        Files.createDirectories(options.dataDir());
        DiskSpace.check(options.dataDir(), options.messages(), options.sizeBytes());
        Path dataDir = StoreBenchSetup.freshDataDir(options.dataDir(), "memory-" + STAMP.format(startedAt));
        String storage = dataDir.getParent() + " (" + StoreBenchSetup.filesystemOf(dataDir) + ")";
        double loadAtStart = MachineDescription.loadAverage();
        say(String.format("memory benchmark: %,d persistent %,d-byte messages, budget %s; logs in %s",
                options.messages(), options.sizeBytes(), budget.describe(), logDir));
        MemoryRun run;
        try {
            run = measure(server, budget, dataDir);
        } finally {
            TreeDeletion.deleteQuietly(dataDir);
        }
        MemoryReport report = new MemoryReport(startedAt, MachineDescription.current(), options, storage, run,
                loadAtStart, MachineDescription.loadAverage());
        String markdown = report.render();
        Path output = options.resultsDir().resolve("memory-" + DAY.format(startedAt) + (options.quick() ? "-quick" : "") + ".md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, markdown);
        say("");
        System.out.print(markdown);
        say("written to " + output);
        return run.failure() == null ? 0 : 1;
    }

    private MemoryRun measure(FerryLauncher server, MemoryBudget budget, Path dataDir) throws IOException {
        QueueFiller.Result fill = null;
        QueueDrainer.Result drain = null;
        long countAfterFill = -1;
        long countAfterDrain = -1;
        String failure = null;
        try (ServerProcess broker = ServerProcess.start(server, budget.jvmOptions(), dataDir, logDir.resolve("server.log"), START_TIMEOUT);
             RssSampler rss = new RssSampler(broker.pid())) {
            try {
                StoreAdmin.declareDurableQueue(broker.amqpUri(), QUEUE);
                QueueFiller filler = new QueueFiller(broker.amqpUri(), QUEUE, options.sizeBytes(), options.publishers(), options.confirmWindow());
                rss.phase("fill", filler::confirmed);
                Thread progress = progressReporter("filling", filler::confirmed, rss);
                try {
                    fill = filler.fill(options.messages());
                } finally {
                    progress.interrupt();
                }
                countAfterFill = StoreAdmin.messageCount(broker.amqpUri(), QUEUE);
                long confirmed = fill.confirmed();
                rss.phase("filled", () -> confirmed);
                rss.sample();
                say(String.format("filled: %,d confirmed in %s (%,.0f msg/s), queue count %,d",
                        fill.confirmed(), RecoveryReport.seconds(fill.elapsed()), fill.ratePerSecond(), countAfterFill));
                nativeMemorySummary(broker.pid(), logDir.resolve("native-memory-after-fill.txt"));

                QueueDrainer drainer = new QueueDrainer(broker.amqpUri(), QUEUE);
                rss.phase("drain", drainer::received);
                progress = progressReporter("draining", drainer::received, rss);
                try {
                    drain = drainer.drain(countAfterFill, DRAIN_IDLE_TIMEOUT);
                } finally {
                    progress.interrupt();
                }
                countAfterDrain = StoreAdmin.awaitCount(broker.amqpUri(), QUEUE, 0, Duration.ofSeconds(30));
                long received = drain.received();
                rss.phase("drained", () -> received);
                rss.sample();
                say(String.format("drained: %,d received in %s (%,.0f msg/s), queue count %,d",
                        drain.received(), RecoveryReport.seconds(drain.elapsed()), drain.ratePerSecond(), countAfterDrain));
                StoreAdmin.deleteQueueQuietly(broker.amqpUri(), QUEUE);
                broker.stopCleanly(Duration.ofMinutes(2));
            } catch (IOException e) {
                failure = e.getMessage();
                say("FAILED: " + failure);
            }
            return new MemoryRun(options.messages(), options.sizeBytes(), budget, fill, countAfterFill, drain,
                    countAfterDrain, rss.samples(), failure);
        }
    }

    /** Prints progress and RSS every 10 s, so a long run shows it is alive. */
    private static Thread progressReporter(String what, java.util.function.LongSupplier done, RssSampler rss) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    TimeUnit.SECONDS.sleep(10);
                    List<RssSampler.Sample> samples = rss.samples();
                    long rssNow = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rssBytes();
                    say(String.format("  %s: %,d, RSS %,d MiB", what, done.getAsLong(), rssNow >> 20));
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "memory-bench-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Best effort: jcmd's native memory summary (the JVM runs with -XX:NativeMemoryTracking=summary), kept with the logs. */
    private static void nativeMemorySummary(long pid, Path file) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            Files.createDirectories(file.getParent());
            Files.write(file, out);
        } catch (IOException e) {
            say("(no native memory summary: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
