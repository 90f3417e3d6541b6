package org.ferrymq.broker.management;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ring of the last N rate samples. Written by the sampler thread only; read by any thread
 * under this object's lock (reads are rare: a chart being drawn).
 */
final class RateHistory {
    private final long[] times;
    private final double[][] values;
    /** The counts at each sample, for RabbitMQ's {@code msg_rates_age} samples. */
    private final long[][] totals;
    private int next;
    private int size;

    RateHistory(int capacity, int kinds) {
        times = new long[capacity];
        values = new double[capacity][kinds];
        totals = new long[capacity][kinds];
    }

    synchronized void add(long time, double[] rates, long[] counts) {
        times[next] = time;
        System.arraycopy(rates, 0, values[next], 0, rates.length);
        System.arraycopy(counts, 0, totals[next], 0, counts.length);
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    synchronized List<RateSample> samples() {
        List<RateSample> out = new ArrayList<>(size);
        MessageCounters.Kind[] kinds = MessageCounters.Kind.values();
        for (int i = 0; i < size; i++) {
            int at = (next - size + i + times.length) % times.length;
            Map<String, Double> rates = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (MessageCounters.Kind kind : kinds) {
                rates.put(kind.statName(), values[at][kind.ordinal()]);
                counts.put(kind.statName(), totals[at][kind.ordinal()]);
            }
            out.add(new RateSample(times[at], rates, counts));
        }
        return out;
    }
}
