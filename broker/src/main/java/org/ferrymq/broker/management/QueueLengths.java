package org.ferrymq.broker.management;

import java.util.ArrayList;
import java.util.List;

/**
 * A queue's length over time, for RabbitMQ's {@code messages_details},
 * {@code messages_ready_details} and {@code messages_unacknowledged_details}: the growth rate
 * (messages per second, negative when the queue shrinks) between the last two samples, and a
 * ring of past samples for {@code lengths_age}/{@code lengths_incr} queries.
 *
 * <p>Threading: {@link #sample} is called by the broker's one sampling thread; readers on any
 * thread see the latest rates through a volatile field and the ring under this object's lock.
 * The ring exists from the start in {@code detailed} rates mode, else from the first time someone
 * asks for samples, so 10,000 unwatched queues keep only a few numbers each.
 */
public final class QueueLengths {
    /** Which length. */
    public enum Length { MESSAGES, READY, UNACKED }

    /** The lengths at one instant. */
    public record Sample(long timestampMillis, long messages, long ready, long unacked) {
        public long get(Length which) {
            return switch (which) {
                case MESSAGES -> messages;
                case READY -> ready;
                case UNACKED -> unacked;
            };
        }
    }

    private final int capacity;
    // sampler state
    private Sample last;
    private volatile double[] rates = new double[3];
    // ring, guarded by this
    private Sample[] ring;
    private int next;
    private int size;
    private boolean watched;

    QueueLengths(int capacity, boolean keepFromStart) {
        this.capacity = capacity;
        this.watched = keepFromStart;
    }

    /** Takes a sample; sampler thread only. */
    void sample(long nowMillis, long ready, long unacked) {
        Sample now = new Sample(nowMillis, ready + unacked, ready, unacked);
        Sample previous = last;
        if (previous != null && nowMillis > previous.timestampMillis()) {
            double seconds = (nowMillis - previous.timestampMillis()) / 1000.0;
            double[] fresh = new double[3];
            for (Length l : Length.values()) {
                fresh[l.ordinal()] = (now.get(l) - previous.get(l)) / seconds;
            }
            rates = fresh;
        }
        last = now;
        synchronized (this) {
            if (watched) {
                if (ring == null) {
                    ring = new Sample[capacity];
                }
                ring[next] = now;
                next = (next + 1) % capacity;
                size = Math.min(size + 1, capacity);
            }
        }
    }

    /** Growth per second of a length over the last sample interval. */
    public double rate(Length which) {
        return rates[which.ordinal()];
    }

    /**
     * The kept samples no older than {@code ageMillis} before {@code nowMillis}, at least
     * {@code incrMillis} apart, newest first (RabbitMQ's order). Starts keeping samples if it did not.
     */
    public synchronized List<Sample> samples(long nowMillis, long ageMillis, long incrMillis) {
        watched = true;
        List<Sample> out = new ArrayList<>();
        long nextWanted = Long.MAX_VALUE;
        for (int i = size - 1; i >= 0; i--) {
            Sample s = ring[(next - size + i + capacity) % capacity];
            if (s.timestampMillis() < nowMillis - ageMillis) {
                break;
            }
            if (s.timestampMillis() <= nextWanted) {
                out.add(s);
                nextWanted = s.timestampMillis() - incrMillis;
            }
        }
        return out;
    }
}
