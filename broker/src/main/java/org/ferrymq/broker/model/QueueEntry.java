package org.ferrymq.broker.model;

/**
 * One message's place in one queue. The sequence number orders the queue, so requeued messages
 * go back to where they were. Owned by the queue's executor; a delivered entry travels to a
 * channel and comes back (ack or requeue) as a task.
 */
public final class QueueEntry {
    private final Message message;
    private final long sequence;
    private int deliveries;

    QueueEntry(Message message, long sequence) {
        this.message = message;
        this.sequence = sequence;
    }

    public Message message() {
        return message;
    }

    public long sequence() {
        return sequence;
    }

    /** True once the message has been delivered before (the AMQP redelivered flag). */
    public boolean redelivered() {
        return deliveries > 1;
    }

    /** Counts a delivery attempt; called by the owning queue when it hands the entry out. */
    void markDelivered() {
        deliveries++;
    }
}
