package org.ferrymq.broker.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The broker's virtual hosts by name. Thread-safe. */
public final class VirtualHostRegistry {
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();
    private final QueueResources resources;
    /**
     * The broker's overall message counts, as RabbitMQ's overview shows them: the sum of every
     * vhost's counts (a message is counted once, in its vhost) plus those of deleted vhosts.
     */
    private final org.ferrymq.broker.management.MessageCounters counters =
            new org.ferrymq.broker.management.MessageCounters(12 * 60, true,
                    () -> vhosts.values().stream().map(VirtualHost::counters).toList());

    public VirtualHostRegistry(Collection<String> names, QueueResources resources) {
        this.resources = resources;
        names.forEach(this::add);
    }

    public org.ferrymq.broker.management.MessageCounters counters() {
        return counters;
    }

    public VirtualHost add(String name) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, resources));
    }

    /** A new broker-wide message id. */
    public long nextMessageId() {
        return resources.messageIds().incrementAndGet();
    }

    /** Continues ids after those found in the store at start-up. */
    public void messageIdsAfter(long lastUsed) {
        resources.messageIds().accumulateAndGet(lastUsed, Math::max);
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

    /** Removes a vhost: its queues are deleted (the caller removes its durable records). */
    public boolean remove(String name) {
        VirtualHost removed = vhosts.remove(name);
        if (removed == null) {
            return false;
        }
        removed.deleteAllQueues();
        counters.absorb(removed.counters());
        return true;
    }

    public Optional<VirtualHost> find(String name) {
        return Optional.ofNullable(vhosts.get(name));
    }

    public List<VirtualHost> all() {
        return List.copyOf(vhosts.values());
    }
}
