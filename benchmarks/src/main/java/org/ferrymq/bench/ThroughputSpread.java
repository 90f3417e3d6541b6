package org.ferrymq.bench;

import java.util.List;
import java.util.Optional;

/**
 * How steady a run's throughput was: the coefficient of variation (standard deviation ÷ mean)
 * of PerfTest's per-second delivery rates, leaving out the first {@link #WARM_UP_SECONDS} s (the
 * load generator's own JIT and the queues filling). 0.05 = each second within about 5% of the
 * mean; the project's target for flat-out runs is under 0.15.
 */
public final class ThroughputSpread {
    /** The leading seconds of each run left out (the same as for the steady latency). */
    public static final double WARM_UP_SECONDS = SteadyLatency.WARM_UP_SECONDS;
    /** Fewer steady seconds than this say nothing about a spread. */
    static final int MIN_SECONDS = 3;

    private ThroughputSpread() {
    }

    /** Empty when fewer than {@value #MIN_SECONDS} seconds ended after the warm-up or nothing was delivered. */
    public static Optional<Double> coefficientOfVariation(List<SecondRate> perSecond) {
        double[] rates = perSecond.stream()
                .filter(s -> s.endSeconds() > WARM_UP_SECONDS + 0.5)
                .mapToDouble(SecondRate::receivedPerSecond)
                .toArray();
        if (rates.length < MIN_SECONDS) {
            return Optional.empty();
        }
        double mean = 0;
        for (double r : rates) {
            mean += r;
        }
        mean /= rates.length;
        if (mean <= 0) {
            return Optional.empty();
        }
        double squares = 0;
        for (double r : rates) {
            squares += (r - mean) * (r - mean);
        }
        return Optional.of(Math.sqrt(squares / rates.length) / mean);
    }
}
