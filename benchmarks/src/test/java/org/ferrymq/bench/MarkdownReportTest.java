package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final BrokerScenario DIRECT = BrokerScenario.standard().get(0);
    private static final BrokerScenario LATENCY = BrokerScenario.standard().get(4);

    @Test
    void tableHasOneRowPerScenarioWithMediansRatioAndVerdict() {
        List<Measurement> runs = List.of(
                ok(DIRECT, Broker.FERRYMQ, 90_000, 400, 2_500),
                ok(DIRECT, Broker.RABBITMQ, 45_000, 800, 12_000),
                latency(Broker.FERRYMQ, 300, 1_200),
                latency(Broker.RABBITMQ, 250, 900));

        String md = MarkdownReport.render(report(List.of(DIRECT, LATENCY), runs));

        assertTrue(md.contains("| 1 | 1 → 1, 16 B, direct queue | 90,000 | 45,000 | 2.00× | 400 µs / 2.50 ms | 800 µs / 12.0 ms | ≥ 2.0× msg/s | ✅ pass |"), md);
        assertTrue(md.contains("| 2 | latency at 5,000 msg/s, 1 → 1, 16 B | 5,000 | 5,000 | 1.00× | 300 µs / 1.20 ms (steady) "
                + "| 250 µs / 900 µs (steady) | steady p50 & p99 ≤ RabbitMQ | ❌ fail |"), md);
        assertTrue(md.contains("| latency-5k | FerryMQ | 20.0 ms / 40.0 ms | 300 µs / 1.20 ms | 1.20 ms |"), md);
        assertTrue(md.contains("steady (2 s): p50 300 µs, p99 1.20 ms, worst second p99 1.20 ms"), md);
        assertTrue(md.contains("- Built from: abc1234\n- Command: `benchmarks/run-broker-bench.sh --quick`"), md);
        assertTrue(md.contains("- Load average (1 min): 0.50 at start, 1.25 at end"), md);
        assertTrue(md.contains("| direct-16b | RabbitMQ | 1 | 45,000 | 45,000 | — | 800 µs | 12.0 ms |  |"), md);
    }

    @Test
    void aBrokerThatFailedToStartShowsTheHeadlineInTheTableAndTheDetailBelow() {
        List<Measurement> runs = List.of(
                Measurement.failed(DIRECT, Broker.FERRYMQ, 1, "broker failed to start: java.lang.UnsupportedOperationException: x"),
                ok(DIRECT, Broker.RABBITMQ, 45_000, 800, 12_000));

        String md = MarkdownReport.render(report(List.of(DIRECT), runs));

        assertTrue(md.contains("| 1 | 1 → 1, 16 B, direct queue | broker failed to start | 45,000 | — | — | 800 µs / 12.0 ms | ≥ 2.0× msg/s | — no data |"), md);
        assertTrue(md.contains("| direct-16b | FerryMQ | 1 | — | — | — | — | — | broker failed to start: java.lang.UnsupportedOperationException: x |"), md);
        assertTrue(md.contains("**Targets:** FerryMQ ≥ 2.0× RabbitMQ msg/s in each throughput scenario: — no data (0/1 pass, 1 without data); "
                + "steady p50 and p99 at 5,000 msg/s no worse than RabbitMQ: not run."), md);
    }

    @Test
    void durabilityReportShowsConfirmLatencyAndTheCombinedTarget() {
        BrokerScenario persistent = BrokerScenario.durability().get(1);
        List<Measurement> runs = List.of(
                Measurement.succeeded(persistent, Broker.FERRYMQ, 1, new PerfTestSummary(30_000, 29_000,
                        Optional.of(new ConsumerLatency(3_000, 20_000)), Optional.of(new ConfirmLatency(2_500, 9_000)))),
                Measurement.succeeded(persistent, Broker.RABBITMQ, 1, new PerfTestSummary(10_000, 10_000,
                        Optional.of(new ConsumerLatency(4_000, 30_000)), Optional.of(new ConfirmLatency(3_900, 41_800)))),
                Measurement.failed(persistent, Broker.FERRYMQ, 2, "PerfTest did not finish"));
        BenchOptions quick = BenchOptions.parse(new String[] {"--quick", "--suite", "durability"});

        String md = MarkdownReport.render(report(quick, List.of(persistent), runs));

        assertTrue(md.startsWith("# Durability benchmark: FerryMQ vs RabbitMQ (PerfTest, persistent messages)\n"), md);
        assertTrue(md.contains("| FerryMQ confirm p50 / p99 | RabbitMQ confirm p50 / p99 |"), md);
        assertTrue(md.contains("| 1 | persistent, 1 → 1, 4 KiB | 29,000 (1 failed) | 10,000 | 2.90× | 2.50 ms / 9.00 ms | 3.90 ms / 41.8 ms "
                + "| ≥ 2.0× msg/s & confirm p99 ≤ RabbitMQ | ✅ pass |"), md);
        assertTrue(md.contains("| persistent-4k | RabbitMQ | 1 | 10,000 | 10,000 | — | 3.90 ms | 41.8 ms | 4.00 ms | 30.0 ms |  |"), md);
        assertTrue(md.contains("| persistent-4k | FerryMQ | 2 | — | — | — | — | — | — | — | PerfTest did not finish |"), md);
        assertTrue(md.contains("**Target:** FerryMQ ≥ 2.0× RabbitMQ msg/s and confirm-latency p99 no worse than RabbitMQ's in each scenario: ✅ pass (1/1 pass)."), md);
        assertTrue(md.contains("--multi-ack-every 100"), md);
    }

    @Test
    void eachRunsThroughputSpreadIsPrintedAndJudgedAgainstFifteenPercent() {
        BrokerScenario direct = DIRECT;
        List<SecondRate> steady = List.of(new SecondRate(1, 5_000), new SecondRate(6, 50_000), new SecondRate(7, 50_000),
                new SecondRate(8, 50_000));
        List<SecondRate> swinging = List.of(new SecondRate(6, 20_000), new SecondRate(7, 80_000), new SecondRate(8, 20_000),
                new SecondRate(9, 80_000));
        List<Measurement> runs = List.of(
                Measurement.succeeded(direct, Broker.FERRYMQ, 1, new PerfTestSummary(50_000, 50_000, Optional.empty(),
                        Optional.empty(), List.of(), swinging)),
                Measurement.succeeded(direct, Broker.RABBITMQ, 1, new PerfTestSummary(50_000, 50_000, Optional.empty(),
                        Optional.empty(), List.of(), steady)));

        String md = MarkdownReport.render(report(List.of(direct), runs));

        assertTrue(md.contains("| direct-16b | 60.0% | 0.0% | 60.0% | ❌ fail |"), md);
        assertTrue(md.contains("| direct-16b | FerryMQ | 1 | 50,000 | 50,000 | 60.0% |"), md);
        assertTrue(md.contains("| direct-16b | RabbitMQ | 1 | 50,000 | 50,000 | 0.0% |"), md);
    }

    @Test
    void latencyIsPrintedWithThreeSignificantFigures() {
        assertEquals("999 µs", MarkdownReport.micros(999));
        assertEquals("1.00 ms", MarkdownReport.micros(1_000));
        assertEquals("12.3 ms", MarkdownReport.micros(12_345));
        assertEquals("261 ms", MarkdownReport.micros(261_200));
        assertEquals("2.75 s", MarkdownReport.micros(2_753_000));
    }

    private static BenchReport report(List<BrokerScenario> scenarios, List<Measurement> runs) {
        BenchOptions options = new BenchOptions(5, 1, 3, true, BenchOptions.DEFAULT_RABBITMQ_URI, Optional.empty(),
                scenarios, null, null, "1g", "benchmarks/run-broker-bench.sh --quick", "abc1234");
        return report(options, scenarios, runs);
    }

    private static BenchReport report(BenchOptions options, List<BrokerScenario> scenarios, List<Measurement> runs) {
        MachineDescription machine = new MachineDescription(2, "Test CPU", 4096, "Linux", "OpenJDK 17");
        return new BenchReport(Instant.parse("2026-11-25T09:30:00Z"), machine, options, "./ferrymq (its defaults, no JAVA_OPTS)",
                "RabbitMQ 3.10.8", BenchReport.summarise(scenarios, runs), runs, new BenchReport.LoadAverages(0.5, 1.25));
    }

    /** A latency run: a slow first second (PerfTest warming up), then steady seconds at these percentiles. */
    private static Measurement latency(Broker broker, long p50, long p99) {
        List<SecondLatency> seconds = List.of(new SecondLatency(1, 20_000, 40_000),
                new SecondLatency(6, p50, p99), new SecondLatency(7, p50, p99));
        return Measurement.succeeded(LATENCY, broker, 1, new PerfTestSummary(5_000, 5_000,
                Optional.of(new ConsumerLatency(20_000, 40_000)), Optional.empty(), seconds));
    }

    private static Measurement ok(BrokerScenario scenario, Broker broker, double rate, long p50, long p99) {
        return Measurement.succeeded(scenario, broker, 1, new PerfTestSummary(rate, rate, Optional.of(new ConsumerLatency(p50, p99))));
    }
}
