package org.ferrymq.broker.model;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** The broker's virtual hosts by name. Thread-safe. */
public final class VirtualHostRegistry {
    private final Map<String, VirtualHost> vhosts = new ConcurrentHashMap<>();
    private final Executor queuePool;

    public VirtualHostRegistry(Collection<String> names, Executor queuePool) {
        this.queuePool = queuePool;
        names.forEach(this::add);
    }

    public VirtualHost add(String name) {
        return vhosts.computeIfAbsent(name, n -> new VirtualHost(n, queuePool));
    }

    public Optional<VirtualHost> find(String name) {
        return Optional.ofNullable(vhosts.get(name));
    }

    public List<VirtualHost> all() {
        return List.copyOf(vhosts.values());
    }
}
