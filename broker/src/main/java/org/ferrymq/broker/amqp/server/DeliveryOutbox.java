package org.ferrymq.broker.amqp.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoop;

/**
 * The hand-over from queue executors to a connection's event loop. Queues submit work (a
 * delivery, a consume-ok, a cancel) from their own threads; the event loop runs it in
 * submission order, in batches, and flushes once per batch.
 *
 * <p>The number of submitted-but-not-run tasks bounds how far queues may run ahead of a slow
 * socket: see {@link #crowded()}.
 */
final class DeliveryOutbox {
    /** Above this many waiting tasks, consumers on the connection stop taking messages. */
    static final int CROWDED_AT = 2048;
    private static final int MAX_PER_TURN = 1024;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicInteger waiting = new AtomicInteger();
    private final EventLoop eventLoop;
    private final Runnable afterBatch;

    /** {@code afterBatch} runs on the event loop after each batch (flush, wake starved consumers). */
    DeliveryOutbox(EventLoop eventLoop, Runnable afterBatch) {
        this.eventLoop = eventLoop;
        this.afterBatch = afterBatch;
    }

    void submit(Runnable task) {
        waiting.incrementAndGet();
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            eventLoop.execute(this::drain);
        }
    }

    boolean crowded() {
        return waiting.get() >= CROWDED_AT;
    }

    private void drain() {
        scheduled.set(false);
        int ran = 0;
        Runnable task;
        while (ran < MAX_PER_TURN && (task = tasks.poll()) != null) {
            waiting.decrementAndGet();
            task.run();
            ran++;
        }
        afterBatch.run();
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            eventLoop.execute(this::drain);
        }
    }
}
