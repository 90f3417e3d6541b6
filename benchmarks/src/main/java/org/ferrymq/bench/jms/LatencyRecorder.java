package org.ferrymq.bench.jms;

import java.util.Arrays;
import java.util.Optional;

import org.ferrymq.bench.ConsumerLatency;

/**
 * Every send-to-receive time of a run, in microseconds, and exact percentiles over them.
 * Producer and consumers share the harness JVM, so one {@code System.nanoTime()} clock serves
 * both ends.
 *
 * <p>Threading: one recorder per subscriber thread; merged by the harness thread afterwards.
 */
final class LatencyRecorder {
    private int[] micros = new int[4096];
    private int count;

    void record(long nanos) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, micros.length * 2);
        }
        micros[count++] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, nanos / 1_000));
    }

    int count() {
        return count;
    }

    /** p50 and p99 of everything recorded by these recorders; empty if nothing was. */
    static Optional<ConsumerLatency> percentiles(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.count;
        }
        if (total == 0) {
            return Optional.empty();
        }
        int[] all = new int[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.micros, 0, all, at, r.count);
            at += r.count;
        }
        Arrays.sort(all);
        return Optional.of(new ConsumerLatency(percentile(all, 50), percentile(all, 99)));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(int[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
