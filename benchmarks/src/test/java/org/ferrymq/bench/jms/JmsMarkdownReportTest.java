package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ferrymq.bench.BenchReport;
import org.ferrymq.bench.ConsumerLatency;
import org.ferrymq.bench.MachineDescription;
import org.junit.jupiter.api.Test;

class JmsMarkdownReportTest {
    private static final JmsScenario QUEUE = PeerComparisonTest.QUEUE;
    private static final JmsScenario LATENCY = PeerComparisonTest.LATENCY;
    private static final String NO_VM = "not available: no vm:// transport in this build (no FerryMQ transport for scheme 'vm')";

    @Test
    void throughputTableHasEveryTargetThenTheTwoRatiosWithVerdicts() {
        String md = JmsMarkdownReport.render(report(List.of(QUEUE, LATENCY), List.of(
                JmsMeasurement.failed(QUEUE, TargetId.FERRYMQ_VM, 1, NO_VM),
                PeerComparisonTest.ok(QUEUE, TargetId.ARTEMIS_INVM, 1, 30_000, 0),
                PeerComparisonTest.ok(QUEUE, TargetId.FERRYMQ_AMQP, 1, 25_000, 0),
                PeerComparisonTest.ok(QUEUE, TargetId.RABBITMQ_JMS, 1, 10_000, 0),
                PeerComparisonTest.ok(QUEUE, TargetId.ARTEMIS_TCP, 1, 20_000, 0),
                PeerComparisonTest.latency(TargetId.FERRYMQ_AMQP, 300, 1_200),
                PeerComparisonTest.latency(TargetId.RABBITMQ_JMS, 250, 900))));

        assertTrue(md.contains("| # | Scenario | FerryMQ vm:// | Artemis in-VM | FerryMQ amqp:// | RabbitMQ JMS | Artemis TCP "
                + "| FerryMQ vm:// ÷ Artemis in-VM | target | result | FerryMQ amqp:// ÷ RabbitMQ JMS | target | result |"), md);
        assertTrue(md.contains("| 1 | queue 1 → 1, non-persistent | not available | 30,000 | 25,000 | 10,000 | 20,000 "
                + "| — | ≥ 1.0× | — no data | 2.50× | ≥ 2.0× | ✅ pass |"), md);
        assertTrue(md.contains("| 2 | latency at 5,000 msg/s, queue 1 → 1, non-persistent | not run | not run | 5,000 | 5,000 | not run "
                + "| — | p50 & p99 ≤ Artemis in-VM | — no data | 1.00× | p50 & p99 ≤ RabbitMQ JMS | ❌ fail |"), md);
        assertTrue(md.contains("**Target FerryMQ amqp:// ÷ RabbitMQ JMS:** ≥ 2.0× msg/s in every throughput scenario, "
                + "p50 and p99 no worse in the latency scenario, exactly once everywhere: ❌ fail (1/2 pass)."), md);
        assertTrue(md.contains("| 2 | latency at 5,000 msg/s, queue 1 → 1, non-persistent | — | — | 300 µs / 1.20 ms | 250 µs / 900 µs | — |"), md);
        assertTrue(md.contains("| queue-np | FerryMQ vm:// | 1 | — | — | — | — | — | — | " + NO_VM + " |"), md);
        assertTrue(md.contains("- Built from: abc1234\n- Command: `benchmarks/run-jms-bench.sh --quick`"), md);
        assertTrue(md.contains("  - FerryMQ vm://: " + NO_VM + "\n"), md);
        assertTrue(md.contains("QUICK MODE"), md);
    }

    @Test
    void exactlyOnceViolationsAreCountedPerTargetAndSpelledOutPerRun() {
        JmsMeasurement lossy = JmsMeasurement.succeeded(QUEUE, TargetId.FERRYMQ_AMQP, 1,
                new RunFigures(1_000, 1, 998, 2, 3, 0, 1.0, 1.0, Optional.of(new ConsumerLatency(100, 200)), false));
        String md = JmsMarkdownReport.render(report(List.of(QUEUE), List.of(lossy,
                PeerComparisonTest.ok(QUEUE, TargetId.RABBITMQ_JMS, 1, 100, 0))));

        assertTrue(md.contains("| 1 | queue 1 → 1, non-persistent | — | — | ❌ 5 | ✅ 0 | — |"), md);
        assertTrue(md.contains("| queue-np | FerryMQ amqp:// | 1 | 1,000 | 1,000 | 998 | 100 µs | 200 µs | ❌ 3 missing, 2 duplicates, 1 failed send |  |"), md);
        assertTrue(md.contains("| 9.98× | ≥ 2.0× | ❌ fail |"), md);
    }

    @Test
    void queuePAgainstTheRabbitMqJmsClientIsShownButNotCountedAndArtemisStillJudgesIt() {
        JmsScenario queueP = PeerComparisonTest.QUEUE_P;
        JmsScenario noWait = PeerComparisonTest.QUEUE_P_NOWAIT;
        List<JmsMeasurement> runs = List.of(
                PeerComparisonTest.ok(QUEUE, TargetId.FERRYMQ_VM, 1, 40_000, 0), PeerComparisonTest.ok(QUEUE, TargetId.ARTEMIS_INVM, 1, 30_000, 0),
                PeerComparisonTest.ok(QUEUE, TargetId.FERRYMQ_AMQP, 1, 25_000, 0), PeerComparisonTest.ok(QUEUE, TargetId.RABBITMQ_JMS, 1, 10_000, 0),
                PeerComparisonTest.ok(queueP, TargetId.FERRYMQ_VM, 1, 250, 0), PeerComparisonTest.ok(queueP, TargetId.ARTEMIS_INVM, 1, 286, 0),
                PeerComparisonTest.ok(queueP, TargetId.FERRYMQ_AMQP, 1, 3_000, 0), PeerComparisonTest.ok(queueP, TargetId.RABBITMQ_JMS, 1, 10_000, 0),
                PeerComparisonTest.ok(noWait, TargetId.FERRYMQ_VM, 1, 60_000, 0), PeerComparisonTest.ok(noWait, TargetId.ARTEMIS_INVM, 1, 30_000, 0),
                PeerComparisonTest.ok(noWait, TargetId.FERRYMQ_AMQP, 1, 35_000, 0), PeerComparisonTest.ok(noWait, TargetId.RABBITMQ_JMS, 1, 10_000, 0));
        List<JmsScenario> scenarios = List.of(QUEUE, queueP, noWait);
        List<JmsScenarioResult> results = JmsScenarioResult.summarise(scenarios, runs);

        assertEquals("**Target FerryMQ amqp:// ÷ RabbitMQ JMS:** ≥ 2.0× msg/s in every throughput scenario, "
                + "p50 and p99 no worse in the latency scenario, exactly once everywhere: ✅ pass (2/2 pass; "
                + "not counted, not like for like: queue-p (FerryMQ's sends wait for the broker there, RabbitMQ JMS's do not)).",
                JmsMarkdownReport.targetsLine(PeerComparison.AMQP_VS_RABBITMQ_JMS, results));
        assertEquals("**Target FerryMQ vm:// ÷ Artemis in-VM:** ≥ 1.0× msg/s in every throughput scenario, "
                + "p50 and p99 no worse in the latency scenario, exactly once everywhere: ❌ fail (2/3 pass).",
                JmsMarkdownReport.targetsLine(PeerComparison.VM_VS_ARTEMIS, results));

        String md = JmsMarkdownReport.render(report(scenarios, runs));
        assertTrue(md.contains("| 2 | queue 1 → 1, persistent | 250 | 286 | 3,000 | 10,000 | not run "
                + "| 0.87× | ≥ 1.0× | ❌ fail | 0.30× | — RabbitMQ JMS does not wait | — not like for like (see queue-p-nowait) |"), md);
        assertTrue(md.contains("| 3 | queue 1 → 1, persistent, sends that do not wait for the broker (blockOnDurableSend=false) "
                + "| 60,000 | 30,000 | 35,000 | 10,000 | not run | 2.00× | ≥ 1.0× | ✅ pass | 3.50× | ≥ 2.0× | ✅ pass |"), md);
    }

    @Test
    void aComparisonWithOnlyUnjudgedScenariosSaysSo() {
        JmsScenario queueP = PeerComparisonTest.QUEUE_P;
        List<JmsScenarioResult> results = JmsScenarioResult.summarise(List.of(queueP), List.of(
                PeerComparisonTest.ok(queueP, TargetId.FERRYMQ_AMQP, 1, 3_000, 0), PeerComparisonTest.ok(queueP, TargetId.RABBITMQ_JMS, 1, 10_000, 0)));
        assertTrue(JmsMarkdownReport.targetsLine(PeerComparison.AMQP_VS_RABBITMQ_JMS, results)
                .contains("exactly once everywhere: — not like for like (0/0 pass; not counted, not like for like: queue-p "), results.toString());
    }

    @Test
    void failureHeadlinesAreShortAndEscaped() {
        assertEquals("broker failed to start", Cells.headline("broker failed to start: java.lang.IllegalStateException: x"));
        assertEquals("a \\| b", Cells.headline("a | b"));
        assertEquals("999 µs", Cells.micros(999));
        assertEquals("12.3 ms", Cells.micros(12_345));
        assertEquals("2.75 s", Cells.micros(2_753_000));
    }

    private static JmsBenchReport report(List<JmsScenario> scenarios, List<JmsMeasurement> runs) {
        JmsBenchOptions options = JmsBenchOptions.parse(new String[] {"--quick"});
        options = new JmsBenchOptions(options.seconds(), options.maxMessages(), options.drainSeconds(), options.repetitions(),
                options.warmupSeconds(), true, scenarios, options.targets(), options.consumption(), options.rabbitmqUri(), Optional.empty(),
                Optional.empty(), null, null, "benchmarks/run-jms-bench.sh --quick", "abc1234");
        Map<TargetId, String> sides = new EnumMap<>(TargetId.class);
        sides.put(TargetId.FERRYMQ_VM, NO_VM);
        MachineDescription machine = new MachineDescription(2, "Test CPU", 4096, "Linux", "OpenJDK 17");
        return new JmsBenchReport(Instant.parse("2026-11-25T10:30:00Z"), machine, options, sides,
                JmsScenarioResult.summarise(scenarios, runs), runs, new BenchReport.LoadAverages(0.5, 1.25));
    }
}
