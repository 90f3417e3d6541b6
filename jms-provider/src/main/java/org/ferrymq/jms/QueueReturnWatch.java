package org.ferrymq.jms;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the queue of a consumer the broker cancelled to come back (a durable queue whose
 * cluster node returns, a JMS Queue declared again) and then runs the consumer's resubscription.
 * It asks the broker with a passive queue.declare on a throw-away channel, every
 * {@value #FIRST_CHECK_MS} ms at first and backing off to every {@value #MAX_CHECK_MS} ms, until
 * the queue is there, the resubscription succeeds, or the watch is stopped (consumer closed).
 *
 * <p>Threading: checks run on one shared daemon scheduler thread; {@link #stop()} from any thread.
 */
final class QueueReturnWatch {
    private static final Logger LOG = LoggerFactory.getLogger(QueueReturnWatch.class);
    static final long FIRST_CHECK_MS = 250;
    static final long MAX_CHECK_MS = 5_000;
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferrymq-jms-queue-watch");
        t.setDaemon(true);
        return t;
    });

    /** One check: true when the queue exists again (false, or an exception, when not yet). */
    @FunctionalInterface
    interface Check {
        boolean queueIsBack() throws Exception;
    }

    private final String queue;
    private final Check check;
    /** Runs once the queue is back; true when the consumer is subscribed again (false: keep watching). */
    private final BooleanSupplier resubscribe;
    private volatile boolean stopped;
    private ScheduledFuture<?> next;   // guarded by this

    private QueueReturnWatch(String queue, Check check, BooleanSupplier resubscribe) {
        this.queue = queue;
        this.check = check;
        this.resubscribe = resubscribe;
    }

    static QueueReturnWatch start(String queue, Check check, BooleanSupplier resubscribe) {
        QueueReturnWatch watch = new QueueReturnWatch(queue, check, resubscribe);
        watch.schedule(FIRST_CHECK_MS);
        return watch;
    }

    private synchronized void schedule(long delayMs) {
        if (!stopped) {
            next = SCHEDULER.schedule(() -> run(delayMs), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void run(long delayMs) {
        if (stopped) {
            return;
        }
        boolean back;
        try {
            back = check.queueIsBack();
        } catch (Exception e) {
            LOG.debug("checking whether queue {} is back: {}", queue, e.toString());
            back = false;
        }
        if (back && !stopped && resubscribe.getAsBoolean()) {
            return;
        }
        schedule(Math.min(delayMs * 2, MAX_CHECK_MS));
    }

    void stop() {
        synchronized (this) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
    }
}
