package org.ferrymq.broker.store.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery time of a million persistent 100-byte messages in one queue. Too slow for the default
 * run: {@code mvn -pl broker test -Dtest=StoreRecoveryBenchmarkTest -Dferrymq.store.bench=true}.
 */
@EnabledIfSystemProperty(named = "ferrymq.store.bench", matches = "true")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StoreRecoveryBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecoveryBenchmarkTest.class);
    private static final int MESSAGES = Integer.getInteger("ferrymq.store.bench.messages", 1_000_000);

    @TempDir
    Path dir;

    @Test
    void recoversAMillionMessages() {
        long q;
        long t0 = System.nanoTime();
        try (H2MessageStore store = H2MessageStore.open(dir, StoreSettings.defaults())) {
            q = store.saveQueue(new QueueRecord(0, "/", "bench", false, Map.of()));
            Semaphore window = new Semaphore(20_000);
            for (long id = 1; id <= MESSAGES; id++) {
                window.acquireUninterruptibly();
                store.add(StoreTestMessages.message(id, 100), new long[] {q}).whenComplete((v, e) -> window.release());
            }
            store.sync().join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info("wrote {} messages in {} s ({} adds/s), {} fsyncs, file {} MB", MESSAGES,
                    String.format("%.1f", seconds), Math.round(MESSAGES / seconds), store.metrics().syncs(),
                    store.diskUsageBytes() >> 20);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        try (H2MessageStore store = H2MessageStore.open(dir, StoreSettings.defaults())) {
            long opened = System.nanoTime();
            assertThat(store.recoverDefinitions().queues()).hasSize(1);
            AtomicLong count = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            store.recoverMessages((queue, m) -> {
                count.incrementAndGet();
                bytes.addAndGet(m.body().length);
            });
            long done = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            // CPU time too: on a shared, overloaded machine the wall time mostly measures the neighbours
            LOG.info("recovered {} messages ({} MB of bodies) in {} ms wall ({} ms CPU of the recovering thread):"
                            + " open {} ms, stream {} ms; load average {}", count.get(), bytes.get() >> 20,
                    (done - t1) / 1_000_000, cpu / 1_000_000, (opened - t1) / 1_000_000, (done - opened) / 1_000_000,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertThat(count.get()).isEqualTo(MESSAGES);
        }
    }
}
