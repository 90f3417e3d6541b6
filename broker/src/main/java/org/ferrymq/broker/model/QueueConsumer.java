package org.ferrymq.broker.model;

/**
 * A consumer as a queue sees it. The queue calls these methods on its own executor; an
 * implementation must not block and hands deliveries over to the thread that owns the
 * consumer's connection.
 */
public interface QueueConsumer {
    String tag();

    /** True if the consumer asked for exclusive access to the queue. */
    boolean exclusive();

    /** True if deliveries to this consumer count as acknowledged when sent. */
    boolean autoAck();

    /**
     * Reserves room for one more delivery (prefetch credit, a writable socket); false if the
     * consumer cannot take a message now. The queue will call {@link MessageQueue#dispatch()}
     * again when the consumer frees room, via {@link #deliver}'s owner.
     */
    boolean tryReserve();

    /** Takes one message; room for it was reserved by {@link #tryReserve()}. */
    void deliver(MessageQueue queue, QueueEntry entry);

    /** True if the consumer wants this message (a consumer with a selector may not); the default takes all. */
    default boolean accepts(Message message) {
        return true;
    }

    /** True if {@link #accepts} may say no, so the queue must look past messages this consumer skips. */
    default boolean filters() {
        return false;
    }

    /**
     * The consumer's priority ({@code x-priority} consume argument, RabbitMQ's consumer
     * priorities): a queue offers messages to its highest-priority consumers that have room
     * first, round-robin among equals. 0 when not given; may be negative.
     */
    default int priority() {
        return 0;
    }

    /** The queue was deleted under the consumer (basic.cancel from the server). */
    void queueDeleted(MessageQueue queue);
}
