package org.ferrymq.broker.model;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Credit-based producer flow control of one queue: when publishers must wait and when they may
 * go on. Two bounds, with hysteresis:
 * <ul>
 *   <li><b>ahead of consumers</b> (only while the queue has consumers that make progress):
 *       publishes not yet enqueued plus ready messages not yet handed to a consumer. Above
 *       {@code window} publishers wait; they go on at {@code window / 2}. This keeps end-to-end
 *       latency to a window's worth of messages and keeps the queue below its memory window, so
 *       a queue that is being consumed never pages transient messages to disk.</li>
 *   <li><b>mailbox</b> (every queue, consumers or not): publishes handed to the queue's
 *       executor and not yet enqueued. Above {@link #MAILBOX_HIGH} publishers wait; they go on
 *       at {@link #MAILBOX_LOW}. A queue with no consumer still fills (it pages to disk past its
 *       memory window); this only keeps messages in flight from filling the heap, as RabbitMQ's
 *       credit between channel and queue process does.</li>
 * </ul>
 * Queue depth alone never stops a publisher (RabbitMQ does not either): a queue that is deleted,
 * loses its last consumer, or whose consumers take nothing for {@link #STALL_MILLIS} while a
 * publisher waits (a consumer that hangs with its prefetch full) lets everyone go on, and it
 * then fills as a queue without consumers does until a consumer takes a message again.
 *
 * <p>Threading: {@link #mustWait} and {@link #whenMayGoOn} from any thread (publishers'
 * event loops); {@link #afterTurn}, {@link #delivered} and the stall check on the queue's executor.
 */
final class PublisherFlow {
    /** Publishes in a queue's mailbox above which its publishers wait (with or without consumers). */
    static final int MAILBOX_HIGH = 20_000;
    /** ... and at or below which they go on. */
    static final int MAILBOX_LOW = 10_000;
    /** A waiting publisher goes on if the queue delivered nothing for this long: its consumers are stuck. */
    static final long STALL_MILLIS = 1_000;

    /** What the flow decisions read from the queue: all cheap, all readable from any thread. */
    interface QueueState {
        int pending();
        int readyCount();
        int consumerCount();
        boolean deleted();
        /** Runs {@code task} on the queue's executor. */
        void runOnQueue(Runnable task);
        ScheduledExecutorService scheduler();
    }

    private final QueueState queue;
    private final int window;
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();
    /** Messages handed to consumers so far (executor). */
    private long deliveries;
    /** True while a stall check is scheduled (executor). */
    private boolean stallCheckArmed;
    /** True once consumers took nothing while a publisher waited; cleared by the next delivery. */
    private volatile boolean stalled;

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

    /** True while the queue's consumers are stuck and it does not pace its publishers. */
    boolean stalled() {
        return stalled;
    }

    /** True if a publisher that just published to this queue should wait before its next publish. */
    boolean mustWait() {
        int pending = queue.pending();
        if (pending > MAILBOX_HIGH) {
            return true;
        }
        return !stalled && queue.consumerCount() > 0 && pending + queue.readyCount() > window;
    }

    private boolean mayGoOn() {
        if (queue.deleted()) {
            return true;
        }
        int pending = queue.pending();
        if (pending > MAILBOX_LOW) {
            return false;
        }
        return stalled || queue.consumerCount() == 0 || pending + queue.readyCount() <= window / 2;
    }

    /**
     * Runs {@code resume} once publishers may go on: at once (on the caller's thread) if they may
     * now, otherwise on the queue's executor after the turn that brings the queue down, or when
     * its consumers are found stuck.
     */
    void whenMayGoOn(Runnable resume) {
        waiters.add(resume);
        // added before the check: a turn ending in between sees the waiter, or this check sees its result
        if (mayGoOn()) {
            release();
        } else {
            queue.runOnQueue(this::armStallCheck); // once per wait, not per message
        }
    }

    /** A message went to a consumer (executor): the consumers make progress. */
    void delivered() {
        deliveries++;
        if (stalled) {
            stalled = false;
        }
    }

    /** After each executor turn: let waiting publishers go on if the queue has caught up. */
    void afterTurn() {
        if (!waiters.isEmpty() && mayGoOn()) {
            release();
        }
    }

    /** Executor: checks in {@link #STALL_MILLIS} whether the consumers took anything meanwhile. */
    private void armStallCheck() {
        if (stallCheckArmed || waiters.isEmpty()) {
            return;
        }
        stallCheckArmed = true;
        long seen = deliveries;
        queue.scheduler().schedule(() -> queue.runOnQueue(() -> {
            stallCheckArmed = false;
            if (waiters.isEmpty()) {
                return;
            }
            if (deliveries == seen && !mayGoOn() && !queue.deleted()) {
                stalled = true;
                release();
            } else {
                armStallCheck(); // progress, slow: keep watching while publishers wait
            }
        }), STALL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void release() {
        Runnable waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.run();
        }
    }
}
