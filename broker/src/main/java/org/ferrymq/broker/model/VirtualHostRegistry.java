package org.ferrymq.broker.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** The broker's virtual hosts by name. Thread-safe. */
public final class VirtualHostRegistry {
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();
    private final Executor queuePool;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong messageIds = new AtomicLong();

    public VirtualHostRegistry(Collection<String> names, Executor queuePool, ScheduledExecutorService scheduler) {
        this.queuePool = queuePool;
        this.scheduler = scheduler;
        names.forEach(this::add);
    }

    public VirtualHost add(String name) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, queuePool, scheduler, messageIds));
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
