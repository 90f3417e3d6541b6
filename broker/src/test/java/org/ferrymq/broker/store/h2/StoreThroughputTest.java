package org.ferrymq.broker.store.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded-time look at group-commit throughput (no timed assertion: the machine is shared).
 * Publishers keep a window of unconfirmed adds in flight, as confirming publishers do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreThroughputTest {
    private static final Logger LOG = LoggerFactory.getLogger(StoreThroughputTest.class);

    @TempDir
    Path dir;

    @Test
    void reportsAddsPerSecondWithGroupCommit() throws Exception {
        try (H2MessageStore store = H2MessageStore.open(dir, StoreSettings.defaults())) {
            long q = store.saveQueue(new QueueRecord(0, "/", "q", false, Map.of()));
            StoreMetrics before = store.metrics();
            long fsyncStart = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                store.sync().join();
                store.add(StoreTestMessages.message(1_000_000 + i, 10), new long[] {q}).join();
            }
            double msPerSyncedAdd = (System.nanoTime() - fsyncStart) / 1e6 / 40;

            int publishers = 4;
            int window = 1_000;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<Thread> threads = new ArrayList<>();
            long[] counts = new long[publishers];
            StoreMetrics start = store.metrics();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long writerId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("ferrymq-store-writer")).findFirst().orElseThrow().getId();
            long writerCpu0 = mx.getThreadCpuTime(writerId);
            long t0 = System.nanoTime();
            for (int p = 0; p < publishers; p++) {
                int index = p;
                Thread thread = new Thread(() -> {
                    Semaphore inFlight = new Semaphore(window);
                    long id = index * 100_000_000L;
                    while (System.nanoTime() < deadline) {
                        inFlight.acquireUninterruptibly();
                        CompletableFuture<Void> f = store.add(StoreTestMessages.message(++id, 100), new long[] {q});
                        f.whenComplete((v, e) -> inFlight.release());
                        counts[index]++;
                    }
                    inFlight.acquireUninterruptibly(window);
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            StoreMetrics end = store.metrics();
            long writerCpuNanos = mx.getThreadCpuTime(writerId) - writerCpu0;
            long syncs = end.syncs() - start.syncs();
            LOG.info("group commit: {} adds of 100 B in {} s = {} adds/s; {} fsyncs ({} adds per fsync, largest group {});"
                            + " writer thread CPU {} us per add; a lone synced write costs {} ms; file {} MB;"
                            + " load average {}",
                    total, String.format("%.1f", seconds), Math.round(total / seconds), syncs,
                    syncs == 0 ? "-" : total / syncs, end.largestGroup(),
                    String.format("%.1f", writerCpuNanos / 1e3 / total), String.format("%.2f", msPerSyncedAdd),
                    store.diskUsageBytes() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertThat(total).isPositive();
            assertThat(syncs).isLessThan(total);
            assertThat(before.syncs()).isPositive();
        }
    }
}
