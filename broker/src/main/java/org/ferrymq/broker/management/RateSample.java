package org.ferrymq.broker.management;

import java.util.Map;

/**
 * Rates (events per second) and counts so far, by {@link MessageCounters.Kind#statName()}, at one
 * instant. The counts are what RabbitMQ's {@code msg_rates_age} samples show.
 */
public record RateSample(long timestampMillis, Map<String, Double> rates, Map<String, Long> totals) {
    public RateSample {
        rates = Map.copyOf(rates);
        totals = Map.copyOf(totals);
    }

    /** Counts so far of a kind at this instant. */
    public long total(MessageCounters.Kind kind) {
        return totals.getOrDefault(kind.statName(), 0L);
    }
}
