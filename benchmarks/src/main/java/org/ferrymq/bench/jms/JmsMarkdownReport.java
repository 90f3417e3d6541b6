package org.ferrymq.bench.jms;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ferrymq.bench.Verdict;

/** Renders a {@link JmsBenchReport} as the Markdown page in {@code benchmarks/results/}. */
public final class JmsMarkdownReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private JmsMarkdownReport() {
    }

    public static String render(JmsBenchReport report) {
        JmsBenchOptions options = report.options();
        List<TargetId> targets = options.targets();
        StringBuilder md = new StringBuilder();
        md.append("# JMS benchmark: FerryMQ vs ActiveMQ Artemis vs the RabbitMQ JMS client\n\n");
        md.append("- Date: ").append(WHEN.format(report.startedAt())).append('\n');
        md.append("- Machine: ").append(report.machine().summary()).append('\n');
        md.append("- JDK: ").append(report.machine().jdk()).append('\n');
        md.append(String.format(Locale.ROOT, "- Load average (1 min): %.2f at start, %.2f at end", report.load().atStart(), report.load().atEnd()))
                .append(" (load generator and in-process brokers share these CPUs)\n");
        md.append("- Targets:\n");
        for (TargetId target : targets) {
            md.append("  - ").append(target.displayName()).append(": ")
                    .append(Cells.escape(report.targetSides().getOrDefault(target, "not started"))).append('\n');
        }
        md.append("- Load: one producer connection and one consumer connection per run, 16-character TextMessages with a sequence number, ")
                .append(options.consumption() == ScenarioRunner.Consumption.LISTENER
                        ? "subscribers are MessageListeners; " : "subscribers are threads calling receive(); ")
                .append(options.seconds()).append(" s of sending per run (the latency scenario ")
                .append(JmsBenchOptions.LATENCY_RUN_FACTOR).append("× as long; at most ").append(Cells.count(options.maxMessages()))
                .append(" messages), then up to ").append(options.drainSeconds()).append(" s for the subscribers to receive the rest; ")
                .append(options.repetitions()).append(" repetition(s) per target, median reported; targets alternate ")
                .append(String.join(", ", targets.stream().map(TargetId::displayName).toList()))
                .append(" within each scenario; ").append(options.warmupSeconds()).append(" s unrecorded warm-up per target")
                .append(options.quick() ? "; QUICK MODE (smoke check, not a result)" : "").append('\n');
        md.append("- Built from: ").append(options.revision()).append('\n');
        md.append("- Command: `").append(options.command()).append("`\n\n");

        List<PeerComparison> comparisons = PeerComparison.standard().stream()
                .filter(c -> targets.contains(c.ferrymq()) && targets.contains(c.peer())).toList();

        md.append("## Throughput (messages delivered per second)\n\n");
        md.append("| # | Scenario |");
        for (TargetId t : targets) {
            md.append(' ').append(t.displayName()).append(" |");
        }
        for (PeerComparison c : comparisons) {
            md.append(' ').append(c.title()).append(" | target | result |");
        }
        md.append('\n').append("|---|---|");
        md.append("---:|".repeat(targets.size()));
        md.append("---:|---|---|".repeat(comparisons.size()));
        md.append('\n');
        int number = 1;
        for (JmsScenarioResult result : report.results()) {
            md.append("| ").append(number++).append(" | ").append(result.scenario().title()).append(" |");
            for (TargetId t : targets) {
                md.append(' ').append(rateCell(result.figures(t))).append(" |");
            }
            for (PeerComparison c : comparisons) {
                md.append(' ').append(Cells.ratio(c.ratio(result)))
                        .append(" | ").append(c.target(result.scenario()))
                        .append(" | ").append(c.resultCell(result)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        for (PeerComparison c : comparisons) {
            md.append(targetsLine(c, report.results())).append("\n\n");
        }
        md.append("msg/s = messages delivered to consumers per second, from the first send to the last delivery ")
                .append("(every copy counts: the topic scenario delivers 4 per send), median over the repetitions. ")
                .append("A FerryMQ result with an exactly-once violation fails whatever its speed. ")
                .append("Where FerryMQ's synchronous PERSISTENT sends wait for the broker (as JMS asks) and the peer's do not, ")
                .append("the ratio is shown but not judged (\"not like for like\"); the scenario whose sends do not wait is judged instead. ")
                .append("See benchmarks/README.md for how to read these.\n\n");

        md.append("## Latency (send to delivery, p50 / p99)\n\n");
        header(md, targets);
        number = 1;
        for (JmsScenarioResult result : report.results()) {
            md.append("| ").append(number++).append(" | ").append(result.scenario().title()).append(" |");
            for (TargetId t : targets) {
                md.append(' ').append(latencyCell(result.figures(t))).append(" |");
            }
            md.append('\n');
        }
        md.append("\nIn the flat-out scenarios latency is mostly time spent in a growing backlog; in the ")
                .append("5,000 msg/s scenario it is the figure that matters.\n\n");

        md.append("## Exactly once (every sequence number delivered once to every subscriber)\n\n");
        header(md, targets);
        number = 1;
        for (JmsScenarioResult result : report.results()) {
            md.append("| ").append(number++).append(" | ").append(result.scenario().title()).append(" |");
            for (TargetId t : targets) {
                md.append(' ').append(exactlyOnceCell(result.figures(t))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');

        md.append("## Every run\n\n");
        md.append("| scenario | target | rep | sent | sent msg/s | delivered msg/s | p50 | p99 | exactly once | note |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (JmsMeasurement run : report.runs()) {
            md.append("| ").append(run.scenario().id()).append(" | ").append(run.target().displayName())
                    .append(" | ").append(run.repetition());
            if (run.ok()) {
                RunFigures f = run.figures();
                md.append(" | ").append(Cells.count(f.sent()))
                        .append(" | ").append(Cells.rate(f.sendRate()))
                        .append(" | ").append(Cells.rate(f.deliverRate()))
                        .append(" | ").append(f.latency().map(l -> Cells.micros(l.p50Micros())).orElse("—"))
                        .append(" | ").append(f.latency().map(l -> Cells.micros(l.p99Micros())).orElse("—"))
                        .append(" | ").append(f.violations() == 0 && f.sendFailures() == 0 ? "✅" : "❌ " + f.violationText())
                        .append(" |  |\n");
            } else {
                md.append(" | — | — | — | — | — | — | ").append(Cells.escape(run.failure())).append(" |\n");
            }
        }
        return md.toString();
    }

    /** The comparison's tally over the like-for-like scenarios; the others are named, not counted. */
    static String targetsLine(PeerComparison c, List<JmsScenarioResult> results) {
        List<JmsScenarioResult> judged = results.stream().filter(r -> c.verdict(r) != Verdict.NOT_LIKE_FOR_LIKE).toList();
        List<String> notJudged = results.stream().filter(r -> c.verdict(r) == Verdict.NOT_LIKE_FOR_LIKE)
                .map(r -> r.scenario().id()).toList();
        long pass = judged.stream().filter(r -> c.verdict(r) == Verdict.PASS).count();
        long noData = judged.stream().filter(r -> c.verdict(r) == Verdict.NO_DATA).count();
        String mark = results.isEmpty() ? "not run"
                : judged.isEmpty() ? Verdict.NOT_LIKE_FOR_LIKE.marker()
                : pass == judged.size() ? Verdict.PASS.marker()
                : noData == judged.size() ? Verdict.NO_DATA.marker()
                : Verdict.FAIL.marker();
        return "**Target " + c.title() + ":** ≥ " + c.throughputTarget() + "× msg/s in every throughput scenario, "
                + "p50 and p99 no worse in the latency scenario, exactly once everywhere: " + mark
                + " (" + pass + "/" + judged.size() + " pass" + (noData > 0 ? ", " + noData + " without data" : "")
                + (notJudged.isEmpty() ? "" : "; not counted, not like for like: " + String.join(", ", notJudged)
                        + " (FerryMQ's sends wait for the broker there, " + c.peer().displayName() + "'s do not)")
                + ").";
    }

    private static void header(StringBuilder md, List<TargetId> targets) {
        md.append("| # | Scenario |");
        for (TargetId t : targets) {
            md.append(' ').append(t.displayName()).append(" |");
        }
        md.append('\n').append("|---|---|").append("---:|".repeat(targets.size())).append('\n');
    }

    private static String rateCell(TargetFigures figures) {
        Optional<String> failure = figures.failure();
        if (failure.isPresent()) {
            return Cells.headline(failure.get());
        }
        String cell = Cells.rate(figures.deliverRate().getAsDouble());
        return figures.failedRuns() > 0 ? cell + " (" + figures.failedRuns() + " failed)" : cell;
    }

    private static String latencyCell(TargetFigures figures) {
        return figures.latency().map(l -> Cells.micros(l.p50Micros()) + " / " + Cells.micros(l.p99Micros())).orElse("—");
    }

    private static String exactlyOnceCell(TargetFigures figures) {
        if (figures.failure().isPresent()) {
            return "—";
        }
        long violations = figures.violations();
        return violations == 0 ? "✅ 0" : "❌ " + Cells.count(violations);
    }
}
