package org.ferrymq.broker.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.ferrymq.broker.store.MessageStore;

/** The broker's virtual hosts by name. Thread-safe. */
public final class VirtualHostRegistry {
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();
    private final Executor queuePool;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong messageIds = new AtomicLong();

    private final MessageStore store;

    public VirtualHostRegistry(Collection<String> names, Executor queuePool, ScheduledExecutorService scheduler,
                               MessageStore store) {
        this.queuePool = queuePool;
        this.scheduler = scheduler;
        this.store = store;
        names.forEach(this::add);
    }

    public VirtualHost add(String name) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, queuePool, scheduler, messageIds, store));
    }

    /** Bytes of ready message bodies all queues hold in memory (approximate, for the memory alarm). */
    public long queuedBytesInMemory() {
        long total = 0;
        for (VirtualHost vhost : vhosts.values()) {
            for (MessageQueue queue : vhost.queues()) {
                total += queue.readyBytesSnapshot();
            }
        }
        return total;
    }

    /** A new broker-wide message id. */
    public long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** Continues ids after those found in the store at start-up. */
    public void messageIdsAfter(long lastUsed) {
        messageIds.accumulateAndGet(lastUsed, Math::max);
    }

    public Optional<VirtualHost> find(String name) {
        return Optional.ofNullable(vhosts.get(name));
    }

    public List<VirtualHost> all() {
        return List.copyOf(vhosts.values());
    }
}
