package org.ferrymq.broker.model;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Credit-based producer flow control of one queue: when publishers must wait and when they may
 * go on. Two bounds, with hysteresis:
 * <ul>
 *   <li><b>ahead of consumers</b> (only while the queue has consumers): publishes not yet
 *       enqueued plus ready messages not yet handed to a consumer. Above {@code window}
 *       publishers wait; they go on at {@code window / 2}. This keeps end-to-end latency to a
 *       window's worth of messages and keeps the queue below its memory window, so a queue
 *       that is being consumed never pages transient messages to disk.</li>
 *   <li><b>mailbox</b> (every queue, consumers or not): publishes handed to the queue's
 *       executor and not yet enqueued. Above {@link #MAILBOX_HIGH} publishers wait; they go on
 *       at {@link #MAILBOX_LOW}. A queue with no consumer still fills (it pages to disk past its
 *       memory window); this only keeps messages in flight from filling the heap.</li>
 * </ul>
 * A queue that is deleted, or loses its last consumer, lets everyone go on.
 *
 * <p>Threading: {@link #mustWait} and {@link #whenMayGoOn} from any thread (publishers'
 * event loops); {@link #afterTurn} on the queue's executor.
 */
final class PublisherFlow {
    /** Publishes in a queue's mailbox above which its publishers wait (with or without consumers). */
    static final int MAILBOX_HIGH = 20_000;
    /** ... and at or below which they go on. */
    static final int MAILBOX_LOW = 10_000;

    /** What the flow decisions read from the queue: all cheap, all readable from any thread. */
    interface QueueState {
        int pending();
        int readyCount();
        int consumerCount();
        boolean deleted();
    }

    private final QueueState queue;
    private final int window;
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    PublisherFlow(QueueState queue, int window) {
        this.queue = queue;
        this.window = window;
    }

    int window() {
        return window;
    }

    /** Messages ahead of the consumers: publishes in flight plus ready ones (any thread, approximate). */
    int ahead() {
        return queue.pending() + queue.readyCount();
    }

    /** True if a publisher that just published to this queue should wait before its next publish. */
    boolean mustWait() {
        int pending = queue.pending();
        if (pending > MAILBOX_HIGH) {
            return true;
        }
        return queue.consumerCount() > 0 && pending + queue.readyCount() > window;
    }

    private boolean mayGoOn() {
        if (queue.deleted()) {
            return true;
        }
        int pending = queue.pending();
        if (pending > MAILBOX_LOW) {
            return false;
        }
        return queue.consumerCount() == 0 || pending + queue.readyCount() <= window / 2;
    }

    /**
     * Runs {@code resume} once publishers may go on: at once (on the caller's thread) if they may
     * now, otherwise on the queue's executor after the turn that brings the queue down.
     */
    void whenMayGoOn(Runnable resume) {
        waiters.add(resume);
        // added before the check: a turn ending in between sees the waiter, or this check sees its result
        if (mayGoOn()) {
            release();
        }
    }

    /** After each executor turn: let waiting publishers go on if the queue has caught up. */
    void afterTurn() {
        if (!waiters.isEmpty() && mayGoOn()) {
            release();
        }
    }

    private void release() {
        Runnable waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.run();
        }
    }
}
