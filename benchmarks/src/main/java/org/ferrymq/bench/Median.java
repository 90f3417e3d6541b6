package org.ferrymq.bench;

import java.util.Collection;
import java.util.OptionalDouble;

/** The median of a handful of run figures: robust against the one run a neighbour disturbed. */
public final class Median {
    private Median() {
    }

    /** Empty for no values; the mean of the middle two for an even count. */
    public static OptionalDouble of(Collection<? extends Number> values) {
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    }
}
