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

    private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor pool;
    private volatile Thread runner;

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

    /** True when called from inside one of this executor's tasks. */
    public boolean inExecutor() {
        return runner == Thread.currentThread();
    }

    private void drain() {
        runner = Thread.currentThread();
        int ran = 0;
        try {
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
        } finally {
            runner = null;
        }
        // Give the pool thread back when the mailbox is empty, otherwise yield to other queues.
        if (pending.addAndGet(-ran) > 0) {
            pool.execute(this::drain);
        }
    }
}
