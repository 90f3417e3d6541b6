package org.ferrymq.broker.management;

import java.util.List;

/**
 * Rates derived from a set of totals that only grow (message counts, octets), and a ring of past
 * samples for RabbitMQ's {@code *_age}/{@code *_incr} windows. One core for every counter kind,
 * so message rates and data rates are sampled and windowed the same way.
 *
 * <p>Threading: {@link #sample} is called by the broker's one sampling thread; readers on any
 * thread see the latest rates through a volatile field and the ring under its own lock. The ring
 * is made when first asked for (or at once when eager), so 10,000 unwatched objects keep none.
 */
final class SampledRates {
    private final String[] names;
    private final int historySamples;
    private volatile RateHistory history;
    // sampler state
    private final long[] lastTotals;
    private long lastSampleAt;
    private volatile double[] rates;

    /** Rates of the totals named {@code names} (RabbitMQ's field names), keeping up to {@code historySamples}. */
    SampledRates(String[] names, int historySamples, boolean eager) {
        this.names = names.clone();
        this.historySamples = historySamples;
        this.lastTotals = new long[names.length];
        this.rates = new double[names.length];
        this.history = eager && historySamples > 0 ? new RateHistory(historySamples, this.names) : null;
    }

    /** Per second over the last sample interval, of the total at {@code index}. */
    double rate(int index) {
        return rates[index];
    }

    /**
     * Takes a sample of {@code totals} (in the order of the names): rates since the previous one.
     * Sampler thread only; the first call only sets the baseline.
     */
    void sample(long nowMillis, long[] totals) {
        if (lastSampleAt != 0 && nowMillis > lastSampleAt) {
            double seconds = (nowMillis - lastSampleAt) / 1000.0;
            double[] fresh = new double[totals.length];
            for (int i = 0; i < totals.length; i++) {
                fresh[i] = (totals[i] - lastTotals[i]) / seconds;
            }
            rates = fresh;
            RateHistory ring = history;
            if (ring != null) {
                ring.add(nowMillis, fresh, totals);
            }
        }
        System.arraycopy(totals, 0, lastTotals, 0, totals.length);
        lastSampleAt = nowMillis;
    }

    /** Past samples, oldest first; starts keeping them if it did not (empty if this keeps no history). */
    List<RateSample> history() {
        RateHistory ring = history;
        if (ring == null && historySamples > 0) {
            synchronized (this) {
                ring = history;
                if (ring == null) {
                    ring = new RateHistory(historySamples, names);
                    history = ring;
                }
            }
        }
        return ring == null ? List.of() : ring.samples();
    }

    /** Past samples if kept already, else empty; starts nothing. */
    List<RateSample> keptHistory() {
        RateHistory ring = history;
        return ring == null ? List.of() : ring.samples();
    }
}
