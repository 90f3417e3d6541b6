package org.ferrymq.broker.config;

import java.util.Locale;

/**
 * RabbitMQ's {@code management.rates_mode}: how much rate sampling the broker does.
 *
 * <ul>
 *   <li>{@link #NONE}: no sampler runs; rates and their histories stay empty (message counts are
 *       still counted: one {@code LongAdder} increment per event). Use it to measure what
 *       sampling costs, or where no one looks at rates.</li>
 *   <li>{@link #BASIC} (the default): every 5 s a sample of every queue, exchange and connection
 *       (message rates, and a queue's length rates); a per-object chart history is kept from when
 *       the object is first watched.</li>
 *   <li>{@link #DETAILED}: as basic, but every object keeps its history from the start, so a chart
 *       or {@code lengths_age} query has the last minutes even for an object never watched before
 *       (more memory: about 2 KB per queue).</li>
 * </ul>
 */
public enum RatesMode {
    NONE, BASIC, DETAILED;

    /** The name as in RabbitMQ's config and its {@code /api/overview} ({@code none}, {@code basic}, {@code detailed}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a config value, or null if there is none of that name. */
    public static RatesMode fromConfigName(String value) {
        for (RatesMode mode : values()) {
            if (mode.configName().equals(value)) {
                return mode;
            }
        }
        return null;
    }
}
