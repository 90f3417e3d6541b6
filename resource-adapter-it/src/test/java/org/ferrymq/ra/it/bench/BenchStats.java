package org.ferrymq.ra.it.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark MDBs did, per MDB: messages handled and when the last one finished
 * ({@code System.nanoTime}). Shared by the MDBs' delivery threads and the bench servlet.
 */
public final class BenchStats {
    private static final Map<String, BenchStats> BY_MDB = new ConcurrentHashMap<>();

    final AtomicInteger count = new AtomicInteger();
    final AtomicLong lastEnd = new AtomicLong();

    private BenchStats() {
    }

    public static BenchStats of(String mdb) {
        return BY_MDB.computeIfAbsent(mdb, k -> new BenchStats());
    }

    public static void reset(String mdb) {
        BY_MDB.put(mdb, new BenchStats());
    }

    public void handled() {
        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        count.incrementAndGet();
    }
}
