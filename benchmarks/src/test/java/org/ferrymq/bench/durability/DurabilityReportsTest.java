package org.ferrymq.bench.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ferrymq.bench.MachineDescription;
import org.junit.jupiter.api.Test;

class DurabilityReportsTest {
    private static final MachineDescription MACHINE = new MachineDescription(2, "Test CPU", 4096, "Linux", "OpenJDK 17");
    private static final Instant WHEN = Instant.parse("2026-11-25T12:30:00Z");
    private static final QueueFiller.Result FILL = new QueueFiller.Result(1_000_000, Duration.ofSeconds(40), 0, Duration.ZERO);

    @Test
    void recoveryTableHasOneRowPerStopModeWithTheTarget() {
        List<RecoveryRun> runs = List.of(
                new RecoveryRun("FerryMQ", RecoveryRun.StopMode.CLEAN, 1_000_000, 100, Duration.ofMillis(800), FILL,
                        Optional.of(Duration.ofMillis(250)), Duration.ofMillis(4_320), Optional.of(Duration.ofMillis(4_410)), 1_000_000, null),
                new RecoveryRun("FerryMQ", RecoveryRun.StopMode.KILL, 1_000_000, 100, Duration.ofMillis(790), FILL,
                        Optional.empty(), Duration.ofSeconds(12), Optional.of(Duration.ofMillis(12_100)), 1_000_000, null),
                new RecoveryRun("RabbitMQ", RecoveryRun.StopMode.KILL, 1_000_000, 100, Duration.ofSeconds(6), FILL,
                        Optional.empty(), Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(31)), 1_000_000, null),
                RecoveryRun.failed("FerryMQ", RecoveryRun.StopMode.KILL, 1_000_000, 100, "restart: server not ready | within 600 s"));
        StoreBenchOptions options = StoreBenchOptions.parse(new String[0], RecoveryBench.DEFAULTS);

        String md = new RecoveryReport(WHEN, MACHINE, options, "/data (ext4 on /dev/vda)", null, runs, 0.5, 0.7).render();

        assertTrue(md.contains("| FerryMQ | clean stop | 1,000,000 | 0.80 s | 40.0 s (25,000) | 0.25 s | 4.32 s | 4.41 s | 1,000,000 "
                + "| ready with every message < 10 s | ✅ pass |"), md);
        assertTrue(md.contains("| FerryMQ | crash (SIGKILL) | 1,000,000 | 0.79 s | 40.0 s (25,000) | — | 12.0 s | 12.1 s | 1,000,000 "
                + "| ready with every message < 10 s | ❌ fail |"), md);
        assertTrue(md.contains("| RabbitMQ | crash (SIGKILL) | 1,000,000 | 6.00 s | 40.0 s (25,000) | — | 30.0 s | 31.0 s | 1,000,000 "
                + "| (reference) | all there |"), md);
        assertTrue(md.contains("| FerryMQ | crash (SIGKILL) | 1,000,000 | — | — | — | — | — | — | — | ❌ fail: restart: server not ready \\| within 600 s |"), md);
        assertTrue(md.contains("- RabbitMQ: a private node of its own"), md);
        String without = new RecoveryReport(WHEN, MACHINE, options, "/data", "skipped (--skip-rabbitmq)", runs.subList(0, 1), 0.5, 0.7).render();
        assertTrue(without.contains("- RabbitMQ: not measured: skipped (--skip-rabbitmq)"), without);
    }

    @Test
    void aRestartMissingMessagesFailsHoweverFast() {
        RecoveryRun lossy = new RecoveryRun("FerryMQ", RecoveryRun.StopMode.KILL, 100, 100, Duration.ofSeconds(1), FILL, Optional.empty(),
                Duration.ofSeconds(1), Optional.empty(), 99, null);
        assertFalse(lossy.meetsTarget());
    }

    @Test
    void durationsKeepThreeSignificantFigures() {
        assertEquals("0.84 s", RecoveryReport.seconds(Duration.ofMillis(840)));
        assertEquals("12.3 s", RecoveryReport.seconds(Duration.ofMillis(12_340)));
        assertEquals("2 min 05 s", RecoveryReport.seconds(Duration.ofSeconds(125)));
    }

    @Test
    void memoryReportComparesThePeakWithTheBudgetAndChecksEveryMessage() {
        MemoryBudget budget = MemoryBudget.forHeap(512L << 20);
        List<RssSampler.Sample> samples = List.of(
                new RssSampler.Sample(0, "start", 0, 80L << 20, 80L << 20),
                new RssSampler.Sample(1, "fill", 100, 500L << 20, 700L << 20),
                new RssSampler.Sample(2, "filled", 200, 600L << 20, 700L << 20),
                new RssSampler.Sample(3, "drained", 200, 650L << 20, 720L << 20));
        MemoryRun run = new MemoryRun(200, 1024, budget, new QueueFiller.Result(200, Duration.ofSeconds(2), 3, Duration.ofMillis(1500)),
                200, new QueueDrainer.Result(200, 0, Duration.ofSeconds(1), true), 0, samples, null);
        StoreBenchOptions options = StoreBenchOptions.parse(new String[] {"--quick"}, MemoryBench.DEFAULTS);

        String md = new MemoryReport(WHEN, MACHINE, options, "/data (ext4 on /dev/vda)", run, 0.5, 0.7).render();

        assertTrue(run.meetsTarget());
        assertTrue(md.contains("| peak RSS (VmHWM) | 720 MiB |"), md);
        assertTrue(md.contains("| peak RSS / budget | 70% |"), md);
        assertTrue(md.contains("| RSS when every message was confirmed | 600 MiB |"), md);
        assertTrue(md.contains("| connection.blocked notices (time blocked) | 3 (1.50 s) |"), md);
        assertTrue(md.contains("**Target:** peak RSS within the budget, every message confirmed, counted and read back: ✅ pass"), md);
        assertTrue(md.contains("| 1 | fill | 100 | 500 MiB | 700 MiB |"), md);
    }

    @Test
    void overBudgetOrAMissingMessageFails() {
        MemoryBudget budget = MemoryBudget.forHeap(512L << 20);
        List<RssSampler.Sample> over = List.of(new RssSampler.Sample(1, "fill", 1, 1L << 30, (1L << 30) + 1));
        QueueFiller.Result fill = new QueueFiller.Result(10, Duration.ofSeconds(1), 0, Duration.ZERO);
        QueueDrainer.Result drained = new QueueDrainer.Result(10, 0, Duration.ofSeconds(1), true);
        assertFalse(new MemoryRun(10, 1024, budget, fill, 10, drained, 0, over, null).meetsTarget());

        List<RssSampler.Sample> fine = List.of(new RssSampler.Sample(1, "fill", 1, 1L << 20, 1L << 20));
        assertTrue(new MemoryRun(10, 1024, budget, fill, 10, drained, 0, fine, null).meetsTarget());
        assertFalse(new MemoryRun(10, 1024, budget, fill, 10, new QueueDrainer.Result(9, 0, Duration.ofSeconds(1), false), 1, fine, null).meetsTarget());
    }

    @Test
    void longRunsAreThinnedButKeepTheLastSampleOfEachPhase() {
        List<RssSampler.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            samples.add(new RssSampler.Sample(i, i < 200 ? "fill" : "drain", i, i, i));
        }

        List<RssSampler.Sample> kept = MemoryReport.thinned(samples, 30);

        assertTrue(kept.size() >= 30 && kept.size() <= 32, "kept " + kept.size());
        assertTrue(kept.contains(samples.get(0)));
        assertTrue(kept.contains(samples.get(199)));
        assertTrue(kept.contains(samples.get(299)));
    }
}
