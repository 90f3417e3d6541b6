package org.ferrymq.broker.amqp.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel-wide prefetch limit ({@code basic.qos} with {@code global=true}, as RabbitMQ 3.10
 * reads it): unacknowledged deliveries to all consumers of the channel together; while the
 * channel is at its limit, its no-ack consumers wait too (they take no credit). Acquired by
 * queue executors, released by the channel's event loop, hence atomic.
 */
final class ChannelPrefetch {
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int limit;

    int limit() {
        return limit;
    }

    void limit(int limit) {
        this.limit = limit;
    }

    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            int max = limit;
            if (max > 0 && current >= max) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** True while the channel has a limit and is at it: even no-ack consumers wait then (RabbitMQ 3.10's limiter). */
    boolean atLimit() {
        int max = limit;
        return max > 0 && inFlight.get() >= max;
    }

    /** True if basic.qos global=true set a limit. */
    boolean limited() {
        return limit > 0;
    }

    void release() {
        inFlight.decrementAndGet();
    }
}
