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
 * hand-off rather than one per message. After every turn it runs {@code afterTurn} (on the
 * executor's thread), which is where the queue lets waiting publishers go on.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int MAX_TASKS_PER_TURN = 4096;

    private final Queue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor pool;
    private final Runnable afterTurn;

    public SerialExecutor(Executor pool) {
        this(pool, () -> { });
    }

    public SerialExecutor(Executor pool, Runnable afterTurn) {
        this.pool = pool;
        this.afterTurn = afterTurn;
    }

    @Override
    public void execute(Runnable task) {
        mailbox.add(task);
        if (pending.getAndIncrement() == 0) {
            pool.execute(this::drain);
        }
    }

    /** Tasks submitted and not yet run (any thread). */
    public int pending() {
        return pending.get();
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
        try {
            afterTurn.run();
        } catch (RuntimeException | Error e) {
            LOG.error("Queue after-turn hook failed", e);
        }
        if (left > 0) {
            pool.execute(this::drain);
        }
    }
}
