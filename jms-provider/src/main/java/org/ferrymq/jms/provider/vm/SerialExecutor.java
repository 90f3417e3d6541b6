package org.ferrymq.jms.provider.vm;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a channel's deliveries keep
 * their order without a thread of their own. A task that throws is logged and the next runs.
 *
 * <p>Threading: {@link #execute} may be called from any thread; tasks never overlap.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final String name;
    /** Guarded by this. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    /** Guarded by this: a drain is scheduled or running. */
    private boolean draining;

    SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("{}: a delivery task failed", name, e);
            }
        }
    }
}
