package org.ferrymq.broker.management;

import java.util.Map;

/**
 * Rates (events or octets per second) and totals so far, by RabbitMQ field name
 * ({@link MessageCounters.Kind#statName()}, {@link TrafficCounters.Kind#statName()}), at one
 * instant. The totals are what RabbitMQ's {@code msg_rates_age} / {@code data_rates_age} samples show.
 */
public record RateSample(long timestampMillis, Map<String, Double> rates, Map<String, Long> totals) {
    public RateSample {
        rates = Map.copyOf(rates);
        totals = Map.copyOf(totals);
    }

    /** Counts so far of a kind at this instant. */
    public long total(MessageCounters.Kind kind) {
        return total(kind.statName());
    }

    /** The total of the field {@code statName} ({@code publish}, {@code recv_oct}, ...) at this instant. */
    public long total(String statName) {
        return totals.getOrDefault(statName, 0L);
    }
}
