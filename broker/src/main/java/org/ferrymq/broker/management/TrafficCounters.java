package org.ferrymq.broker.management;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What crossed a connection's socket, as RabbitMQ's connection fields {@code recv_oct},
 * {@code send_oct} (octets from and to the client, TLS records included on an AMQPS socket),
 * {@code recv_cnt} (socket reads that returned bytes) and {@code send_cnt} (flushes that handed
 * bytes to the socket: one gathering write each); and the octet rates a sampler derives from them.
 * A vhost's counters are the sum of those of the connections logged in to it, the closed ones
 * included (RabbitMQ's vhost {@code recv_oct}/{@code send_oct}).
 *
 * <p>Threading: a connection's counts have one writer, the connection's event loop (the network
 * handler at the head of its pipeline): {@link #received}, {@link #sent} and {@link #flushed} are
 * plain increments published with opaque stores, no lock, no allocation, no fence on x86. Readers
 * on any thread read them opaquely. A vhost's counters change only when a connection joins or
 * leaves ({@link #attach}, {@link #detach}) and are read under the vhost counters' lock, never on
 * the message path. {@link #sample} is called by the broker's one sampling thread.
 */
public final class TrafficCounters {
    /** The rated totals, named as RabbitMQ's fields. */
    public enum Kind {
        RECV_OCT("recv_oct"), SEND_OCT("send_oct");

        private final String statName;

        Kind(String statName) {
            this.statName = statName;
        }

        /** The field name in RabbitMQ's management API. */
        public String statName() {
            return statName;
        }
    }

    private static final String[] STAT_NAMES = {Kind.RECV_OCT.statName(), Kind.SEND_OCT.statName()};
    private static final VarHandle RECV_OCT;
    private static final VarHandle SEND_OCT;
    private static final VarHandle RECV_CNT;
    private static final VarHandle SEND_CNT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RECV_OCT = lookup.findVarHandle(TrafficCounters.class, "recvOct", long.class);
            SEND_OCT = lookup.findVarHandle(TrafficCounters.class, "sendOct", long.class);
            RECV_CNT = lookup.findVarHandle(TrafficCounters.class, "recvCnt", long.class);
            SEND_CNT = lookup.findVarHandle(TrafficCounters.class, "sendCnt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // a connection's: written by its event loop only; a vhost's: its closed connections', under this
    private long recvOct;
    private long sendOct;
    private long recvCnt;
    private long sendCnt;
    /** {@code sendOct} at the last counted flush (event loop only), so an empty flush is no write. */
    private long sendOctAtFlush;
    /** A vhost's open connections (guarded by this); null for a connection. */
    private final Set<TrafficCounters> live;
    private final SampledRates rates;

    private TrafficCounters(Set<TrafficCounters> live, int historySamples, boolean eager) {
        this.live = live;
        this.rates = new SampledRates(STAT_NAMES, historySamples, eager);
    }

    /** A connection's counters: five minutes of 5-second samples once watched. */
    public static TrafficCounters forConnection() {
        return new TrafficCounters(null, 12 * 5, false);
    }

    /** A vhost's: the sum of its connections', those gone included. */
    public static TrafficCounters forVhost() {
        return new TrafficCounters(new HashSet<>(), 12 * 5, false);
    }

    // ---- the network handler (the connection's event loop) ----------------------------------

    /** One socket read of {@code bytes} octets. */
    public void received(int bytes) {
        RECV_OCT.setOpaque(this, recvOct + bytes);
        RECV_CNT.setOpaque(this, recvCnt + 1);
    }

    /** {@code bytes} octets handed to the socket. */
    public void sent(int bytes) {
        SEND_OCT.setOpaque(this, sendOct + bytes);
    }

    /** A flush: one socket write if bytes were handed over since the last one. */
    public void flushed() {
        long now = sendOct;
        if (now != sendOctAtFlush) {
            sendOctAtFlush = now;
            SEND_CNT.setOpaque(this, sendCnt + 1);
        }
    }

    // ---- a vhost's ----------------------------------------------------------------------------

    /** A connection logged in to this vhost: its counts (from its first byte) count here from now on. */
    public void attach(TrafficCounters connection) {
        requireVhost();
        synchronized (this) {
            live.add(connection);
        }
    }

    /**
     * A connection of this vhost closed: its counts so far stay in this vhost's totals, which so
     * never fall. Called on the connection's event loop (its writer), after its last read.
     */
    public void detach(TrafficCounters connection) {
        requireVhost();
        synchronized (this) {
            if (live.remove(connection)) {
                recvOct += connection.recvOct();
                sendOct += connection.sendOct();
                recvCnt += connection.recvCnt();
                sendCnt += connection.sendCnt();
            }
        }
    }

    private void requireVhost() {
        if (live == null) {
            throw new IllegalStateException("a connection's traffic counters have no parts");
        }
    }

    // ---- readers (any thread) ----------------------------------------------------------------

    public long recvOct() {
        return live == null ? (long) RECV_OCT.getOpaque(this) : sum()[0];
    }

    public long sendOct() {
        return live == null ? (long) SEND_OCT.getOpaque(this) : sum()[1];
    }

    public long recvCnt() {
        return live == null ? (long) RECV_CNT.getOpaque(this) : sum()[2];
    }

    public long sendCnt() {
        return live == null ? (long) SEND_CNT.getOpaque(this) : sum()[3];
    }

    /** The total of {@code kind} so far. */
    public long total(Kind kind) {
        return kind == Kind.RECV_OCT ? recvOct() : sendOct();
    }

    private synchronized long[] sum() {
        long[] s = {recvOct, sendOct, recvCnt, sendCnt};
        for (TrafficCounters c : live) {
            s[0] += c.recvOct();
            s[1] += c.sendOct();
            s[2] += c.recvCnt();
            s[3] += c.sendCnt();
        }
        return s;
    }

    /** Octets per second over the last sample interval. */
    public double rate(Kind kind) {
        return rates.rate(kind.ordinal());
    }

    /** Past samples, oldest first; starts keeping them if this did not. */
    public List<RateSample> history() {
        return rates.history();
    }

    /** Past samples if kept already, else empty; starts nothing (for lists of many connections). */
    public List<RateSample> keptHistory() {
        return rates.keptHistory();
    }

    /** Takes a sample; with {@code keepHistory} ({@code detailed} rates mode) the samples are kept from now on. */
    void sample(long nowMillis, boolean keepHistory) {
        if (keepHistory) {
            rates.history();
        }
        sample(nowMillis);
    }

    /** Takes a rate sample; the broker's sampling thread only. */
    public void sample(long nowMillis) {
        if (live == null) {
            rates.sample(nowMillis, new long[] {recvOct(), sendOct()});
        } else {
            long[] s = sum();
            rates.sample(nowMillis, new long[] {s[0], s[1]});
        }
    }
}
