package org.ferrymq.broker.amqp.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel-wide prefetch limit ({@code basic.qos} with {@code global=true}, as RabbitMQ 3.10
 * reads it): unacknowledged deliveries to all consumers of the channel together. Acquired by
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

    void release() {
        inFlight.decrementAndGet();
    }
}
