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
    /** The field name of each value (RabbitMQ's: {@code publish}, {@code recv_oct}, ...). */
    private final String[] names;
    private int next;
    private int size;

    RateHistory(int capacity, String[] names) {
        this.names = names;
        times = new long[capacity];
        values = new double[capacity][names.length];
        totals = new long[capacity][names.length];
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
        for (int i = 0; i < size; i++) {
            int at = (next - size + i + times.length) % times.length;
            Map<String, Double> rates = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int k = 0; k < names.length; k++) {
                rates.put(names[k], values[at][k]);
                counts.put(names[k], totals[at][k]);
            }
            out.add(new RateSample(times[at], rates, counts));
        }
        return out;
    }
}
