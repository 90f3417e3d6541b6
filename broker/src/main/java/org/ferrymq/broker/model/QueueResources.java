package org.ferrymq.broker.model;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.ferrymq.broker.store.MessageStore;

/**
 * What every vhost's queues share: the pool their executors run on, the timer thread (TTL,
 * x-expires), the broker-wide message ids, the store, the in-memory window of a queue, and
 * whether queues count messages for the management rates ({@code false} with
 * {@code management.rates_mode = none}).
 */
public record QueueResources(Executor pool, ScheduledExecutorService scheduler, AtomicLong messageIds,
                             MessageStore store, int memoryWindow, boolean countsMessages) {
    /** Resources of queues that count messages. */
    public QueueResources(Executor pool, ScheduledExecutorService scheduler, AtomicLong messageIds,
                          MessageStore store, int memoryWindow) {
        this(pool, scheduler, messageIds, store, memoryWindow, true);
    }
}
