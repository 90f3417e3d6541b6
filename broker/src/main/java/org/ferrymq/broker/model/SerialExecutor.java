package org.ferrymq.broker.model;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: the single writer of one
 * queue's state. Drains its whole mailbox per turn, so a burst of publishes costs one pool
 * hand-off rather than one per message.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int MAX_TASKS_PER_TURN = 4096;

    /** Above this many waiting tasks the executor counts as backlogged (publishers are throttled). */
    public static final int BACKLOG_HIGH = 20_000;
    /** Throttled publishers resume once the backlog is down to this. */
    public static final int BACKLOG_LOW = 5_000;

    private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> backlogWaiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor pool;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        mailbox.add(task);
        if (pending.getAndIncrement() == 0) {
            pool.execute(this::drain);
        }
    }

    /** True if more than {@link #BACKLOG_HIGH} tasks wait: the producers of work should slow down. */
    public boolean backlogged() {
        return pending.get() > BACKLOG_HIGH;
    }

    /**
     * Runs {@code resume} (on this executor's thread, or at once if not backlogged any more) when
     * the backlog is down to {@link #BACKLOG_LOW}.
     */
    public void whenBacklogCleared(Runnable resume) {
        backlogWaiters.add(resume);
        if (pending.get() <= BACKLOG_LOW) {
            releaseWaiters();
        }
    }

    private void releaseWaiters() {
        Runnable waiter;
        while ((waiter = backlogWaiters.poll()) != null) {
            waiter.run();
        }
    }

    private void drain() {
        int ran = 0;
        while (ran < MAX_TASKS_PER_TURN) {
            Runnable task = mailbox.poll();
            if (task == null) {
                break;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("Queue task failed; the queue goes on with its next task", e);
            }
            ran++;
        }
        // Give the pool thread back when the mailbox is empty, otherwise yield to other queues.
        int left = pending.addAndGet(-ran);
        if (left <= BACKLOG_LOW && !backlogWaiters.isEmpty()) {
            releaseWaiters();
        }
        if (left > 0) {
            pool.execute(this::drain);
        }
    }
}
