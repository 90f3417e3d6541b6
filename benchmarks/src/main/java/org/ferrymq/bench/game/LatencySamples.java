package org.ferrymq.bench.game;

import java.util.Arrays;

/** Latencies in microseconds, from any consumer thread; percentiles once the run is over. */
final class LatencySamples {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    synchronized int count() {
        return size;
    }

    /** The p-th percentile (0..100) in microseconds, nearest rank; -1 without samples. */
    synchronized long[] percentiles(double... ps) {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        long[] out = new long[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = size == 0 ? -1 : sorted[Math.min(size - 1, (int) Math.ceil(ps[i] / 100.0 * size) - 1 < 0 ? 0
                    : (int) Math.ceil(ps[i] / 100.0 * size) - 1)];
        }
        return out;
    }
}
