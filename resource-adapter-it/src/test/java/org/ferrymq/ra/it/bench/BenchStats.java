package org.ferrymq.ra.it.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark MDBs did, per MDB: messages handled, when the first {@code onMessage} began
 * and the last one finished ({@code System.nanoTime}), and how many ran at once at most (one
 * means a single session took every message) and on average. Shared by the MDBs' delivery threads and the bench servlet.
 */
public final class BenchStats {
    private static final Map<String, BenchStats> BY_MDB = new ConcurrentHashMap<>();

    final AtomicInteger count = new AtomicInteger();
    final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastEnd = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    /** Time spent in onMessage, all calls added up: divided by the run's time, how many ran at once on average. */
    final AtomicLong busyNanos = new AtomicLong();

    private BenchStats() {
    }

    public static BenchStats of(String mdb) {
        return BY_MDB.computeIfAbsent(mdb, k -> new BenchStats());
    }

    public static void reset(String mdb) {
        BY_MDB.put(mdb, new BenchStats());
    }

    /** onMessage begins; returns its start time for {@link #ended(long)}. */
    public long started() {
        long now = System.nanoTime();
        firstStart.accumulateAndGet(now, Math::min);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        threads.add(Thread.currentThread().getName());
        return now;
    }

    /** The message was handled (the container commits after this). */
    public void handled() {
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        count.incrementAndGet();
    }

    /** onMessage returns, handled or not. */
    public void ended(long start) {
        busyNanos.addAndGet(System.nanoTime() - start);
        running.decrementAndGet();
    }
}
