package org.ferrymq.ra.it.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark MDBs did, per MDB: messages handled, when the first {@code onMessage} began
 * and the last one finished ({@code System.nanoTime}), and how many ran at once at most (one
 * means a single session took every message). Shared by the MDBs' delivery threads and the bench servlet.
 */
public final class BenchStats {
    private static final Map<String, BenchStats> BY_MDB = new ConcurrentHashMap<>();

    final AtomicInteger count = new AtomicInteger();
    final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastEnd = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    private BenchStats() {
    }

    public static BenchStats of(String mdb) {
        return BY_MDB.computeIfAbsent(mdb, k -> new BenchStats());
    }

    public static void reset(String mdb) {
        BY_MDB.put(mdb, new BenchStats());
    }

    public void started() {
        firstStart.accumulateAndGet(System.nanoTime(), Math::min);
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        threads.add(Thread.currentThread().getName());
    }

    /** The message was handled (the container commits after this). */
    public void handled() {
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        count.incrementAndGet();
    }

    /** onMessage returns, handled or not. */
    public void ended() {
        running.decrementAndGet();
    }
}
