package org.ferrymq.broker.model;

/**
 * One message's place in one queue. The sequence number orders the queue, so requeued messages
 * go back to where they were. Owned by the queue's executor; a delivered entry travels to a
 * channel and comes back (ack or requeue) as a task.
 */
public final class QueueEntry {
    private final Message message;
    private final long sequence;
    private final long expiresAt;
    private final int priority;
    private final boolean stored;
    /** The publisher waiting for this message to be safe, or null (see {@link DurableAnswer}). */
    private final DurableAnswer durableAnswer;
    private int deliveries;
    /** Recovered from disk: one delivery is assumed (for the redelivered flag), not known. */
    private boolean assumedDelivered;

    QueueEntry(Message message, long sequence, long expiresAt, int priority, boolean stored) {
        this(message, sequence, expiresAt, priority, stored, null);
    }

    QueueEntry(Message message, long sequence, long expiresAt, int priority, boolean stored, DurableAnswer durableAnswer) {
        this.message = message;
        this.sequence = sequence;
        this.expiresAt = expiresAt;
        this.priority = priority;
        this.stored = stored;
        this.durableAnswer = stored ? durableAnswer : null;
    }

    /** The message leaves this queue for good: a publisher waiting for its confirm may have it now. */
    void left() {
        if (durableAnswer != null) {
            durableAnswer.leftQueue();
        }
    }

    /** True if this queue's entry for the message is in the store (persistent message, durable queue). */
    boolean stored() {
        return stored;
    }

    public Message message() {
        return message;
    }

    public long sequence() {
        return sequence;
    }

    /** Epoch millis after which the message is dead (x-message-ttl / expiration), or 0 for never. */
    long expiresAt() {
        return expiresAt;
    }

    /**
     * Whether the message is dead at {@code now}. A message never handed out lives through its
     * expiry millisecond, so a TTL-0 message still reaches a consumer waiting at publish time; one
     * that was delivered (and came back by a requeue) is dead from that millisecond on, as
     * RabbitMQ's {@code Now >= Expiry}, so it is never redelivered after its TTL, even when
     * requeued within the millisecond it arrived.
     */
    boolean expiredAt(long now) {
        return expiresAt != 0 && (now > expiresAt || (now == expiresAt && deliveries > 0));
    }

    int priority() {
        return priority;
    }

    long size() {
        return message.body().length;
    }

    /** True once the message has been delivered before (the AMQP redelivered flag). */
    public boolean redelivered() {
        return deliveries > 1;
    }

    /**
     * How many times the message was handed out before the current delivery, for the
     * {@code x-delivery-count} header; 0 (no header) on a first delivery, and also on the first
     * delivery after a restart or a page-in, whose earlier delivery is only assumed. Counts live
     * in memory only.
     */
    public int earlierDeliveries() {
        int earlier = deliveries - 1;
        return earlier <= (assumedDelivered ? 1 : 0) ? 0 : earlier;
    }

    /** Counts a delivery attempt; called by the owning queue when it hands the entry out. */
    void markDelivered() {
        deliveries++;
    }

    /** True if the next delivery will be flagged redelivered (delivered or recovered before). */
    boolean recovered() {
        return deliveries >= 1;
    }

    /** Recovered from disk after a restart: it may have been delivered before the crash. */
    void markRecovered() {
        if (deliveries == 0) {
            deliveries = 1; // the next delivery counts as the second
            assumedDelivered = true;
        }
    }
}
