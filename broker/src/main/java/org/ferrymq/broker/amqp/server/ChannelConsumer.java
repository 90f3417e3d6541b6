package org.ferrymq.broker.amqp.server;

import java.util.concurrent.atomic.AtomicInteger;

import org.ferrymq.selector.Selector;

import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.MessageSelection;
import org.ferrymq.broker.model.QueueConsumer;
import org.ferrymq.broker.model.QueueEntry;

/**
 * A basic.consume subscription: the queue's view of it ({@link QueueConsumer}) and the credit
 * that decides whether it may take another message.
 *
 * <p>Threading: {@link #tryReserve()} and {@link #deliver} run on the queue's executor; credit is
 * released and starved consumers are woken on the channel's event loop. The starved flag is set
 * before the final credit check and cleared before waking, so a release can never slip between
 * "no room" and "mark starved" unnoticed.
 */
final class ChannelConsumer implements QueueConsumer {
    private final String tag;
    private final MessageQueue queue;
    private final boolean autoAck;
    private final boolean exclusive;
    private final int prefetch;
    private final Deliveries owner;
    private final Selector selector;
    private final AtomicInteger unacked = new AtomicInteger();
    private volatile boolean starved;
    private volatile boolean cancelled;

    ChannelConsumer(String tag, MessageQueue queue, boolean autoAck, boolean exclusive, int prefetch, Selector selector,
                    Deliveries owner) {
        this.selector = selector;
        this.tag = tag;
        this.queue = queue;
        this.autoAck = autoAck;
        this.exclusive = exclusive;
        this.prefetch = prefetch;
        this.owner = owner;
    }

    @Override
    public String tag() {
        return tag;
    }

    MessageQueue queue() {
        return queue;
    }

    @Override
    public boolean exclusive() {
        return exclusive;
    }

    @Override
    public boolean autoAck() {
        return autoAck;
    }

    @Override
    public boolean accepts(Message message) {
        return MessageSelection.matches(selector, message);
    }

    @Override
    public boolean filters() {
        return selector != null;
    }

    int prefetch() {
        return prefetch;
    }

    int unackedCount() {
        return unacked.get();
    }

    /** The consume arguments management shows: the selector, if any. */
    java.util.Map<String, Object> managementArguments() {
        return selector == null ? java.util.Map.of() : java.util.Map.of("x-selector", selector.expression());
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    @Override
    public boolean tryReserve() {
        if (cancelled) {
            return false;
        }
        if (reserve()) {
            return true;
        }
        starved = true;
        if (reserve()) {
            starved = false;
            return true;
        }
        return false;
    }

    private boolean reserve() {
        if (!owner.acceptingDeliveries()) {
            return false;
        }
        if (autoAck) {
            return true;
        }
        if (prefetch > 0 && unacked.get() >= prefetch) {
            return false;
        }
        if (!owner.channelPrefetch().tryAcquire()) {
            return false;
        }
        unacked.incrementAndGet();
        return true;
    }

    /** Gives back the credit of one delivery (acked, rejected, or never sent). */
    void releaseCredit() {
        if (!autoAck) {
            unacked.decrementAndGet();
            owner.channelPrefetch().release();
        }
    }

    /** If the queue stopped offering messages for lack of credit, ask it to try again. */
    void wakeIfStarved() {
        if (starved && !cancelled) {
            starved = false;
            queue.dispatch();
        }
    }

    @Override
    public void deliver(MessageQueue from, QueueEntry entry) {
        owner.submit(() -> owner.deliver(this, from, entry));
    }

    @Override
    public void queueDeleted(MessageQueue from) {
        cancelled = true;
        owner.submit(() -> owner.consumerQueueDeleted(this));
    }
}
