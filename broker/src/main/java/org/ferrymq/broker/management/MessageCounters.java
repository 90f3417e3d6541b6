package org.ferrymq.broker.management;

import java.util.concurrent.atomic.LongAdder;

/**
 * Message counts of one object (a queue, an exchange, a connection, or the whole broker), and
 * the rates a sampler derives from them.
 *
 * <p>Threading: {@link #add} is called on the message path from any thread (event loops, queue
 * executors) and costs one {@link LongAdder} increment, no lock and no allocation; with
 * {@code management.rates_mode = none} the message path does not call it at all (its callers test
 * a final flag first). {@link #sample}
 * is called by one sampling thread only; readers on any thread see the latest rates and history
 * through volatile fields. Nothing is computed per HTTP request.
 */
public final class MessageCounters {
    /** What is counted, named as RabbitMQ's {@code message_stats} fields. */
    public enum Kind {
        PUBLISH("publish"), DELIVER_GET("deliver_get"), ACK("ack"), REDELIVER("redeliver"),
        CONFIRM("confirm"), RETURN_UNROUTABLE("return_unroutable"), DROP_UNROUTABLE("drop_unroutable");

        private final String statName;

        Kind(String statName) {
            this.statName = statName;
        }

        /** The field name in RabbitMQ's management API ({@code publish}, {@code deliver_get}, ...). */
        public String statName() {
            return statName;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private static final String[] STAT_NAMES = java.util.Arrays.stream(KINDS).map(Kind::statName).toArray(String[]::new);

    private final LongAdder[] totals = new LongAdder[KINDS.length];
    /** Counters whose totals are added to this one's (the broker's: its vhosts'), or null. Read by readers only. */
    private final java.util.function.Supplier<? extends Iterable<MessageCounters>> parts;
    private final int historySamples;
    /** Rates and their history; sampler thread writes, any thread reads. */
    private final SampledRates rates;
    /** A queue's lengths over time; made by the first {@link #sampleLengths} (queues only). */
    private volatile QueueLengths lengths;

    /**
     * Counters keeping up to {@code historySamples} past rate samples (0: only the latest rate);
     * with {@code eager} false the history starts when someone first reads it.
     */
    public MessageCounters(int historySamples, boolean eager) {
        this(historySamples, eager, null);
    }

    /**
     * Counters whose totals are their own plus those of {@code parts} (asked at each read and
     * sample, never on the message path): the broker's counts as the sum of its vhosts', so a
     * message is counted once, in its vhost, and the broker-wide figure costs nothing more.
     */
    public MessageCounters(int historySamples, boolean eager,
                           java.util.function.Supplier<? extends Iterable<MessageCounters>> parts) {
        this.parts = parts;
        for (int i = 0; i < totals.length; i++) {
            totals[i] = new LongAdder();
        }
        this.historySamples = historySamples;
        this.rates = new SampledRates(STAT_NAMES, historySamples, eager);
    }

    /** Counters of a queue, exchange, connection or vhost: five minutes of 5-second samples once watched. */
    public static MessageCounters perObject() {
        return new MessageCounters(12 * 5, false);
    }

    /** Counts {@code n} events of {@code kind}. Any thread; cheap. */
    public void add(Kind kind, long n) {
        totals[kind.ordinal()].add(n);
    }

    public void increment(Kind kind) {
        totals[kind.ordinal()].increment();
    }

    /** Events of this kind so far. */
    public long total(Kind kind) {
        long sum = totals[kind.ordinal()].sum();
        if (parts != null) {
            for (MessageCounters part : parts.get()) {
                sum += part.total(kind);
            }
        }
        return sum;
    }

    /** Keeps the counts of {@code gone} (a deleted vhost's) in this one's own totals, so totals never fall. */
    public void absorb(MessageCounters gone) {
        for (Kind kind : KINDS) {
            totals[kind.ordinal()].add(gone.total(kind));
        }
    }

    /** Events per second over the last sample interval. */
    public double rate(Kind kind) {
        return rates.rate(kind.ordinal());
    }

    /** Past samples, oldest first (empty if this object keeps no history). */
    public java.util.List<RateSample> history() {
        return rates.history();
    }

    /**
     * Past samples if this object keeps them already, else empty; unlike {@link #history()} it
     * starts nothing (a list of 10,000 queues asked with {@code msg_rates_age} must not make 10,000 rings).
     */
    public java.util.List<RateSample> keptHistory() {
        return rates.keptHistory();
    }


    /**
     * Samples a queue's lengths (ready and unacked); sampler thread only. With {@code keepFromStart}
     * the samples are kept from now on, else from when someone first asks for them.
     */
    public void sampleLengths(long nowMillis, long ready, long unacked, boolean keepFromStart) {
        QueueLengths l = lengths;
        if (l == null) {
            l = new QueueLengths(historySamples, keepFromStart);
            lengths = l;
        }
        l.sample(nowMillis, ready, unacked);
    }

    /** The lengths (a queue's, or a vhost's queues summed) with rates and samples, or null if never sampled (rates off). */
    public QueueLengths lengths() {
        return lengths;
    }

    /**
     * Takes a sample: rates since the previous one. Called by the sampler thread only; the first
     * call only sets the baseline.
     */
    public void sample(long nowMillis) {
        long[] now = new long[KINDS.length];
        for (int i = 0; i < KINDS.length; i++) {
            now[i] = total(KINDS[i]);
        }
        rates.sample(nowMillis, now);
    }

    /**
     * Takes a sample; with {@code keepHistory} (the {@code detailed} rates mode) the samples are
     * kept from now on rather than from when first read.
     */
    void sample(long nowMillis, boolean keepHistory) {
        if (keepHistory) {
            history();
        }
        sample(nowMillis);
    }
}
