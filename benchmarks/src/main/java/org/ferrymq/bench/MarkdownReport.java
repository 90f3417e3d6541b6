package org.ferrymq.bench;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Renders a {@link BenchReport} as the Markdown page kept in {@code benchmarks/results/}. */
public final class MarkdownReport {
    /** The most per-second spread a flat-out FerryMQ run may show (issue 13, item 3). */
    static final double SPREAD_TARGET = 0.15;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int CELL_TEXT_LIMIT = 48;

    private MarkdownReport() {
    }

    public static String render(BenchReport report) {
        BenchOptions options = report.options();
        StringBuilder md = new StringBuilder();
        boolean durability = options.suite() == Suite.DURABILITY;
        md.append("# ").append(options.suite().title()).append("\n\n");
        md.append("- Date: ").append(WHEN.format(report.startedAt())).append('\n');
        md.append("- Machine: ").append(report.machine().summary()).append('\n');
        md.append("- JDK: ").append(report.machine().jdk()).append('\n');
        md.append("- Load average (1 min): ").append(String.format(Locale.ROOT, "%.2f", report.load().atStart()))
                .append(" at start, ").append(String.format(Locale.ROOT, "%.2f", report.load().atEnd()))
                .append(" at end (the load generator and both brokers share these CPUs)\n");
        md.append("- FerryMQ: ").append(report.ferrymqSide()).append('\n');
        md.append("- RabbitMQ: ").append(report.rabbitmqSide()).append('\n');
        md.append("- Load: RabbitMQ PerfTest 2.22.1, one child JVM per run (-Xmx").append(options.perfTestHeap())
                .append("), ").append(options.seconds()).append(" s per run")
                .append(durability ? ", " : " (the latency scenario " + BrokerScenario.LATENCY_RUN_FACTOR + "× as long), ")
                .append(options.repetitions()).append(" repetition(s) per broker, median reported; brokers alternate ")
                .append("FerryMQ, RabbitMQ, FerryMQ, ... within each scenario; ")
                .append(options.warmupSeconds()).append(" s unrecorded warm-up per broker")
                .append(options.quick() ? "; QUICK MODE (smoke check, not a result)" : "").append('\n');
        md.append("- Built from: ").append(options.revision()).append('\n');
        md.append("- Command: `").append(options.command()).append("`\n");

        if (durability) {
            md.append("- Every run: persistent messages (delivery mode 2) to one durable queue, publisher confirms ")
                    .append("(PerfTest `--confirm ").append(BrokerScenario.CONFIRM_WINDOW).append("`: at most ")
                    .append(BrokerScenario.CONFIRM_WINDOW).append(" unconfirmed per producer), manual acks (`--multi-ack-every ")
                    .append(BrokerScenario.ACK_EVERY).append("`), prefetch `--qos ").append(BrokerScenario.PREFETCH)
                    .append("`; the queue and exchange are deleted after each run\n");
        }
        md.append('\n');

        md.append("| # | Scenario | FerryMQ msg/s | RabbitMQ msg/s | ratio | ")
                .append(durability ? "FerryMQ confirm p50 / p99 | RabbitMQ confirm p50 / p99" : "FerryMQ p50 / p99 | RabbitMQ p50 / p99")
                .append(" | target | result |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
        int number = 1;
        for (ScenarioResult result : report.results()) {
            md.append("| ").append(number++)
                    .append(" | ").append(result.scenario().title())
                    .append(" | ").append(rateCell(result.ferrymq()))
                    .append(" | ").append(rateCell(result.rabbitmq()))
                    .append(" | ").append(ratio(result.ratio()))
                    .append(" | ").append(durability ? confirmCell(result.ferrymq()) : latencyCell(result, result.ferrymq()))
                    .append(" | ").append(durability ? confirmCell(result.rabbitmq()) : latencyCell(result, result.rabbitmq()))
                    .append(" | ").append(result.target())
                    .append(" | ").append(result.verdict().marker())
                    .append(" |\n");
        }
        md.append('\n');
        md.append(durability ? durabilityTargetsLine(report.results()) : targetsLine(report.results())).append("\n\n");
        md.append("msg/s = messages delivered to consumers per second (every copy counts: a 4-queue fanout ")
                .append("delivers 4 per publish), median over the repetitions. ratio = FerryMQ / RabbitMQ. ")
                .append(durability
                        ? "Confirm latency = publish to publisher confirm, measured by PerfTest's producers. "
                        : "Latency = publish-to-delivery time measured by PerfTest's consumers. ")
                .append("See benchmarks/README.md for how to read these.\n\n");
        if (!durability) {
            appendLatencyDetail(md, report.results());
        }
        appendSpread(md, report.runs());

        md.append("## Every run\n\n");
        if (durability) {
            md.append("| scenario | broker | rep | sent msg/s | delivered msg/s | spread | confirm p50 | confirm p99 | consumer p50 | consumer p99 | note |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        } else {
            md.append("| scenario | broker | rep | sent msg/s | delivered msg/s | spread | p50 | p99 | note |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        }
        for (Measurement run : report.runs()) {
            md.append("| ").append(run.scenario().id())
                    .append(" | ").append(run.broker().displayName())
                    .append(" | ").append(run.repetition());
            if (run.ok()) {
                PerfTestSummary s = run.summary();
                md.append(" | ").append(rate(s.sendRate()))
                        .append(" | ").append(rate(s.receiveRate()))
                        .append(" | ").append(spread(s.throughputSpread()));
                if (durability) {
                    md.append(" | ").append(s.confirmLatency().map(l -> micros(l.p50Micros())).orElse("—"))
                            .append(" | ").append(s.confirmLatency().map(l -> micros(l.p99Micros())).orElse("—"));
                }
                md.append(" | ").append(s.latency().map(l -> micros(l.p50Micros())).orElse("—"))
                        .append(" | ").append(s.latency().map(l -> micros(l.p99Micros())).orElse("—"))
                        .append(" | ").append(run.scenario().kind() == BrokerScenario.Kind.LATENCY
                                ? s.steadyLatency().map(MarkdownReport::steadyNote).orElse("") : "")
                        .append(" |\n");
            } else {
                md.append(durability ? " | — | — | — | — | — | — | — | " : " | — | — | — | — | — | ").append(escape(run.failure())).append(" |\n");
            }
        }
        return md.toString();
    }

    /** Coefficient of variation as a percentage ("7.4%"), "—" when the run was too short to tell. */
    static String spread(Optional<Double> coefficientOfVariation) {
        return coefficientOfVariation.map(cv -> String.format(Locale.ROOT, "%.1f%%", cv * 100)).orElse("—");
    }

    /** Each run's throughput spread per scenario and broker, with the 15% target for flat-out runs. */
    private static void appendSpread(StringBuilder md, List<Measurement> runs) {
        md.append("## Throughput spread\n\n");
        md.append("Coefficient of variation (standard deviation ÷ mean) of PerfTest's per-second delivery rates, ")
                .append("leaving out the first ").append((int) ThroughputSpread.WARM_UP_SECONDS)
                .append(" s of each run; one figure per repetition. Target: under ")
                .append(Math.round(SPREAD_TARGET * 100)).append("% for FerryMQ in every flat-out run.\n\n");
        md.append("| scenario | FerryMQ per run | RabbitMQ per run | FerryMQ worst | target |\n");
        md.append("|---|---|---|---:|---|\n");
        List<BrokerScenario> scenarios = runs.stream().map(Measurement::scenario).distinct().toList();
        for (BrokerScenario scenario : scenarios) {
            List<Optional<Double>> ferry = spreads(runs, scenario, Broker.FERRYMQ);
            Optional<Double> worst = ferry.stream().flatMap(Optional::stream).max(Double::compare);
            boolean flatOut = scenario.kind() != BrokerScenario.Kind.LATENCY;
            String verdict = !flatOut ? "— (rate-limited)" : worst.isEmpty() ? Verdict.NO_DATA.marker()
                    : worst.get() < SPREAD_TARGET ? Verdict.PASS.marker() : Verdict.FAIL.marker();
            md.append("| ").append(scenario.id())
                    .append(" | ").append(String.join(", ", ferry.stream().map(MarkdownReport::spread).toList()))
                    .append(" | ").append(String.join(", ", spreads(runs, scenario, Broker.RABBITMQ).stream().map(MarkdownReport::spread).toList()))
                    .append(" | ").append(spread(worst))
                    .append(" | ").append(verdict)
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static List<Optional<Double>> spreads(List<Measurement> runs, BrokerScenario scenario, Broker broker) {
        return runs.stream().filter(r -> r.scenario().equals(scenario) && r.broker() == broker)
                .map(r -> r.ok() ? r.summary().throughputSpread() : Optional.<Double>empty()).toList();
    }

    static String targetsLine(List<ScenarioResult> results) {
        List<ScenarioResult> throughput = results.stream().filter(r -> r.scenario().kind() == BrokerScenario.Kind.THROUGHPUT).toList();
        List<ScenarioResult> latency = results.stream().filter(r -> r.scenario().kind() == BrokerScenario.Kind.LATENCY).toList();
        StringBuilder line = new StringBuilder("**Targets:** ");
        line.append("FerryMQ ≥ ").append(ScenarioResult.THROUGHPUT_TARGET).append("× RabbitMQ msg/s in each throughput scenario: ")
                .append(tally(throughput));
        line.append("; steady p50 and p99 at 5,000 msg/s no worse than RabbitMQ: ").append(tally(latency)).append('.');
        return line.toString();
    }

    static String durabilityTargetsLine(List<ScenarioResult> results) {
        return "**Target:** FerryMQ ≥ " + ScenarioResult.THROUGHPUT_TARGET
                + "× RabbitMQ msg/s and confirm-latency p99 no worse than RabbitMQ's in each scenario: " + tally(results) + ".";
    }

    private static String tally(List<ScenarioResult> results) {
        if (results.isEmpty()) {
            return "not run";
        }
        long pass = results.stream().filter(r -> r.verdict() == Verdict.PASS).count();
        long noData = results.stream().filter(r -> r.verdict() == Verdict.NO_DATA).count();
        String mark = pass == results.size() ? Verdict.PASS.marker() : noData == results.size() ? Verdict.NO_DATA.marker() : Verdict.FAIL.marker();
        return mark + " (" + pass + "/" + results.size() + " pass" + (noData > 0 ? ", " + noData + " without data" : "") + ")";
    }

    private static String rateCell(BrokerFigures figures) {
        Optional<String> failure = figures.failure();
        if (failure.isPresent()) {
            return shorten(failure.get());
        }
        String cell = rate(figures.receiveRate().getAsDouble());
        return figures.failedRuns() > 0 ? cell + " (" + figures.failedRuns() + " failed)" : cell;
    }

    /** Whole-run percentiles; for the latency scenario, the steady-state ones it is judged on. */
    private static String latencyCell(ScenarioResult result, BrokerFigures figures) {
        if (result.scenario().kind() == BrokerScenario.Kind.LATENCY) {
            return figures.steadyLatency().map(l -> micros(l.p50Micros()) + " / " + micros(l.p99Micros()) + " (steady)")
                    .orElse("—");
        }
        return figures.latency().map(l -> micros(l.p50Micros()) + " / " + micros(l.p99Micros())).orElse("—");
    }

    private static String steadyNote(SteadyLatency l) {
        return "steady (" + l.seconds() + " s): p50 " + micros(l.p50Micros()) + ", p99 " + micros(l.p99Micros())
                + ", worst second p99 " + micros(l.worstSecondP99Micros());
    }

    /** The latency scenario both ways: PerfTest's whole-run percentiles and the steady-state ones. */
    private static void appendLatencyDetail(StringBuilder md, List<ScenarioResult> results) {
        List<ScenarioResult> latency = results.stream().filter(r -> r.scenario().kind() == BrokerScenario.Kind.LATENCY).toList();
        if (latency.isEmpty()) {
            return;
        }
        md.append("## Latency at a fixed rate\n\n");
        md.append("PerfTest reports percentiles over the whole run, which includes its own JVM's warm-up (per-second p99s ")
                .append("of 10-30 ms in the first 1-2 s against either broker). \"Steady\" leaves out the first ")
                .append(String.format(Locale.ROOT, "%.0f", SteadyLatency.WARM_UP_SECONDS))
                .append(" s of each run and takes the median of PerfTest's per-second p50 and p99 (a typical second), ")
                .append("median over the repetitions; \"worst second\" is the highest per-second p99 after the warm-up ")
                .append("in any repetition. The target is judged on the steady figures.\n\n");
        md.append("| scenario | broker | whole run p50 / p99 | steady p50 / p99 | worst second p99 |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (ScenarioResult r : latency) {
            for (BrokerFigures f : List.of(r.ferrymq(), r.rabbitmq())) {
                String broker = f.runs().isEmpty() ? "?" : f.runs().get(0).broker().displayName();
                md.append("| ").append(r.scenario().id()).append(" | ").append(broker)
                        .append(" | ").append(f.latency().map(l -> micros(l.p50Micros()) + " / " + micros(l.p99Micros())).orElse("—"))
                        .append(" | ").append(f.steadyLatency().map(l -> micros(l.p50Micros()) + " / " + micros(l.p99Micros())).orElse("—"))
                        .append(" | ").append(f.steadyLatency().map(l -> micros(l.worstSecondP99Micros())).orElse("—"))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    private static String confirmCell(BrokerFigures figures) {
        return figures.confirmLatency().map(l -> micros(l.p50Micros()) + " / " + micros(l.p99Micros())).orElse("—");
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String ratio(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.2f×", ratio.getAsDouble()) : "—";
    }

    /** 850 µs, 4.32 ms, 12.3 ms, 261 ms, 2.75 s: three significant figures is all these carry. */
    static String micros(long micros) {
        if (micros < 1_000) {
            return micros + " µs";
        }
        double millis = micros / 1000.0;
        if (millis >= 1000) {
            return String.format(Locale.ROOT, millis < 10_000 ? "%.2f s" : "%.1f s", millis / 1000);
        }
        return String.format(Locale.ROOT, millis < 10 ? "%.2f ms" : millis < 100 ? "%.1f ms" : "%.0f ms", millis);
    }

    /** The headline of a failure ("broker failed to start"); the run table has the details. */
    private static String shorten(String text) {
        int detail = text.indexOf(": ");
        String escaped = escape(detail > 0 ? text.substring(0, detail) : text);
        return escaped.length() <= CELL_TEXT_LIMIT ? escaped : escaped.substring(0, CELL_TEXT_LIMIT) + "…";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
