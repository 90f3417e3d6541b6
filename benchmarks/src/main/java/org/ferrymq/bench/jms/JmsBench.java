package org.ferrymq.bench.jms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ferrymq.bench.BenchMain;
import org.ferrymq.bench.BenchReport;
import org.ferrymq.bench.MachineDescription;

/**
 * The JMS scenario benchmark: every scenario against FerryMQ (vm:// and amqp://), ActiveMQ
 * Artemis (in-VM and TCP) and the RabbitMQ JMS client in the same run, targets alternating
 * within each repetition so whatever else the machine does hits them all, then a Markdown page
 * of medians. Run it through {@code benchmarks/run-jms-bench.sh}, which builds the classpath.
 * This is a CLI: progress goes to stdout.
 */
public final class JmsBench {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    /** Beyond the send time and the drain: connection set-up and close, queue clean-up. */
    private static final long RUN_GRACE_SECONDS = 60;

    private final JmsBenchOptions options;
    private final Instant startedAt = Instant.now();
    private final Path logDir;
    private final Map<TargetId, JmsTarget> targets = new EnumMap<>(TargetId.class);
    private final Map<TargetId, String> unavailable = new EnumMap<>(TargetId.class);
    private final Map<TargetId, String> sides = new EnumMap<>(TargetId.class);

    private JmsBench(JmsBenchOptions options) {
        this.options = options;
        this.logDir = options.logDir().resolve("jms-" + STAMP.format(startedAt));
    }

    public static void main(String[] args) {
        BenchMain.main(args, JmsBenchOptions.USAGE, JmsBenchOptions::parse, "benchmark", options -> new JmsBench(options).run());
    }

    private int run() throws IOException {
        Files.createDirectories(logDir);
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeTargets, "jmsbench-stop-targets"));
        startTargets();
        for (TargetId id : options.targets()) {
            say(String.format("%-16s %s", id.displayName() + ":", sides.get(id)));
        }
        say("logs: " + logDir);
        double loadAtStart = MachineDescription.loadAverage();
        List<JmsMeasurement> runs;
        try {
            warmUp();
            runs = measureAll();
        } finally {
            closeTargets();
        }

        JmsBenchReport report = new JmsBenchReport(startedAt, MachineDescription.current(), options, sides,
                JmsScenarioResult.summarise(options.scenarios(), runs), runs,
                new BenchReport.LoadAverages(loadAtStart, MachineDescription.loadAverage()));
        String markdown = JmsMarkdownReport.render(report);
        Path output = options.resultsDir().resolve(resultFileName());
        Files.createDirectories(output.getParent());
        Files.writeString(output, markdown);
        say("");
        System.out.print(markdown);
        say("");
        say("written to " + output);
        return 0;
    }

    /** Starts what each selected target needs; a target that cannot start is reported, not thrown. */
    private void startTargets() {
        ArtemisBroker artemis = null;
        String artemisFailure = null;
        for (TargetId id : options.targets()) {
            try {
                JmsTarget target = switch (id) {
                    case FERRYMQ_VM -> FerryVmTarget.start(options.vmUri());
                    case FERRYMQ_AMQP -> options.ferrymqUri().isPresent()
                            ? FerryAmqpTarget.external(options.ferrymqUri().get())
                            : FerryAmqpTarget.startChild(logDir.resolve("ferrymq-broker.log"));
                    case RABBITMQ_JMS -> RabbitJmsTarget.connect(options.rabbitmqUri());
                    case ARTEMIS_INVM, ARTEMIS_TCP -> {
                        if (artemisFailure != null) {
                            throw new TargetUnavailableException(artemisFailure);
                        }
                        if (artemis == null) {
                            artemis = ArtemisBroker.start();
                        }
                        yield id == TargetId.ARTEMIS_INVM ? ArtemisTarget.inVm(artemis) : ArtemisTarget.tcp(artemis);
                    }
                };
                targets.put(id, target);
                sides.put(id, target.description());
            } catch (TargetUnavailableException e) {
                if (id == TargetId.ARTEMIS_INVM || id == TargetId.ARTEMIS_TCP) {
                    artemisFailure = e.getMessage();
                }
                unavailable.put(id, e.getMessage());
                sides.put(id, e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                unavailable.put(id, "failed to start: " + e);
                sides.put(id, "failed to start: " + e);
            }
        }
    }

    private void warmUp() {
        if (options.warmupSeconds() == 0) {
            return;
        }
        JmsScenario warmup = JmsScenario.standard().get(0);
        RunLimits limits = new RunLimits(java.time.Duration.ofSeconds(options.warmupSeconds()), options.maxMessages(),
                options.runLimits().drainTime());
        for (TargetId id : options.targets()) {
            if (problem(id) == null) {
                say("warm-up " + id.displayName() + " (" + options.warmupSeconds() + " s)");
                JmsMeasurement m = runOnce(warmup, id, 0, limits, "warmup");
                if (!m.ok()) {
                    say("  warm-up failed: " + m.failure());
                }
            }
        }
    }

    private List<JmsMeasurement> measureAll() {
        List<JmsMeasurement> runs = new ArrayList<>();
        for (JmsScenario scenario : options.scenarios()) {
            for (int repetition = 1; repetition <= options.repetitions(); repetition++) {
                for (TargetId id : options.targets()) {
                    JmsMeasurement m = runOnce(scenario, id, repetition, options.runLimits(scenario), "r" + repetition);
                    runs.add(m);
                    say(String.format(Locale.ROOT, "%-14s %-16s rep %d: %s", scenario.id(), id.displayName(), repetition, progress(m)));
                }
            }
        }
        return runs;
    }

    private static String progress(JmsMeasurement m) {
        if (!m.ok()) {
            return "FAILED: " + m.failure();
        }
        RunFigures f = m.figures();
        return Cells.rate(f.deliverRate()) + " msg/s delivered (" + Cells.count(f.sent()) + " sent)"
                + f.latency().map(l -> ", p50 " + Cells.micros(l.p50Micros()) + ", p99 " + Cells.micros(l.p99Micros())).orElse("")
                + (f.violations() == 0 && f.sendFailures() == 0 ? ", exactly once" : ", VIOLATIONS: " + f.violationText());
    }

    private JmsMeasurement runOnce(JmsScenario scenario, TargetId id, int repetition, RunLimits limits, String label) {
        String problem = problem(id);
        if (problem != null) {
            return JmsMeasurement.failed(scenario, id, repetition, problem);
        }
        JmsTarget target = targets.get(id);
        // unique per run, so no run ever sees another's leftovers on a shared broker
        String destination = "jmsbench-" + scenario.id() + "-" + id.slug() + "-" + label + "-" + STAMP.format(startedAt);
        FutureTask<RunFigures> task = new FutureTask<>(new ScenarioRunner(target, scenario, destination, limits, options.consumption())::run);
        Thread thread = new Thread(task, "jmsbench-producer-" + id.slug());
        thread.setDaemon(true);
        thread.start();
        long timeout = limits.sendTime().toSeconds() + limits.drainTime().toSeconds() + RUN_GRACE_SECONDS;
        try {
            return JmsMeasurement.succeeded(scenario, id, repetition, task.get(timeout, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String died = target.deathNotice();
            return JmsMeasurement.failed(scenario, id, repetition, (died != null ? died + "; " : "") + describe(cause));
        } catch (TimeoutException e) {
            task.cancel(true);
            return JmsMeasurement.failed(scenario, id, repetition, "run did not finish within " + timeout + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JmsMeasurement.failed(scenario, id, repetition, "interrupted");
        } finally {
            if (!scenario.topic()) {
                target.deleteQueueQuietly(destination);
            }
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
            text.append(" (caused by ").append(cause).append(')');
        }
        return text.toString();
    }

    /** Null when the target can take a run; otherwise why not. */
    private String problem(TargetId id) {
        String reason = unavailable.get(id);
        if (reason != null) {
            return reason;
        }
        JmsTarget target = targets.get(id);
        return target == null ? "not started" : target.deathNotice();
    }

    private synchronized void closeTargets() {
        for (JmsTarget target : targets.values()) {
            try {
                target.close();
            } catch (RuntimeException e) {
                // closing at the end: report nothing, the figures are what matters
            }
        }
        targets.clear();
    }

    private String resultFileName() {
        return "jms-" + DAY.format(startedAt)
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
