package org.ferrymq.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A latency run's figures once the load generator is warm. Each PerfTest run is a fresh JVM
 * whose own JIT compiles during its first seconds; what it measures then is mostly itself
 * (per-second p99s of 10-30 ms in the first 1-2 s against either broker, then 0.3-3 ms). So the
 * first {@link #WARM_UP_SECONDS} seconds are left out, and the rest are summed up as the median of
 * the per-second p50s and p99s (a typical second) and the worst per-second p99 (the tail).
 */
public record SteadyLatency(long p50Micros, long p99Micros, long worstSecondP99Micros, int seconds) {
    /** The leading seconds of each run left out. */
    public static final double WARM_UP_SECONDS = 5;

    /** Empty when no second ended after the warm-up. */
    public static Optional<SteadyLatency> of(List<SecondLatency> perSecond) {
        List<SecondLatency> steady = perSecond.stream().filter(s -> s.endSeconds() > WARM_UP_SECONDS + 0.5).toList();
        OptionalDouble p50 = Median.of(steady.stream().map(SecondLatency::p50Micros).toList());
        OptionalDouble p99 = Median.of(steady.stream().map(SecondLatency::p99Micros).toList());
        if (p50.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        long worst = steady.stream().mapToLong(SecondLatency::p99Micros).max().orElseThrow();
        return Optional.of(new SteadyLatency(Math.round(p50.getAsDouble()), Math.round(p99.getAsDouble()), worst, steady.size()));
    }
}
