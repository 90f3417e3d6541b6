package org.ferrymq.broker.management;

import java.util.Map;

/** Rates (events per second, by {@link MessageCounters.Kind#statName()}) at one instant. */
public record RateSample(long timestampMillis, Map<String, Double> rates) {
    public RateSample {
        rates = Map.copyOf(rates);
    }
}
