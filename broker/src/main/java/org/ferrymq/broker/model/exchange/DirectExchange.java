package org.ferrymq.broker.model.exchange;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A direct exchange: a message goes to the destinations bound with exactly its routing key.
 * The default exchange {@code ""} is one of these, with every queue bound by its name.
 *
 * <h2>Threads</h2>
 * Routing is one lock-free hash lookup: the table maps each key to an immutable array of
 * distinct destinations, and a write replaces that key's array (copy-on-write per key, so
 * binding the n-th queue to the default exchange costs O(1), not O(n)). A message is routed
 * against one consistent array for its key. Writers are serialized by {@link Exchange}.
 */
public final class DirectExchange extends Exchange {
    private final ConcurrentHashMap<String, Destination[]> destinationsByKey = new ConcurrentHashMap<>();
    private final ReferenceCounts<Route> routeCounts = new ReferenceCounts<>();

    public DirectExchange(String vhost, String name, boolean durable, boolean autoDelete,
                          boolean internal, Map<String, Object> arguments) {
        super(vhost, name, durable, autoDelete, internal, arguments);
    }

    @Override
    public ExchangeType type() {
        return ExchangeType.DIRECT;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        for (Destination destination : destinationsFor(routingKey)) {
            out.accept(destination);
        }
    }

    /** The current (immutable, never modified) array of destinations bound with this key. */
    Destination[] destinationsFor(String routingKey) {
        Destination[] destinations = destinationsByKey.get(routingKey == null ? "" : routingKey);
        return destinations == null ? DestinationArrays.EMPTY : destinations;
    }

    @Override
    protected void bindingAdded(Binding binding, Destination target) {
        if (routeCounts.increment(new Route(binding.routingKey(), target))) {
            destinationsByKey.compute(binding.routingKey(), (key, current) ->
                    DestinationArrays.with(current == null ? DestinationArrays.EMPTY : current,
                            target));
        }
    }

    @Override
    protected void bindingRemoved(Binding binding, Destination target) {
        if (routeCounts.decrement(new Route(binding.routingKey(), target))) {
            destinationsByKey.computeIfPresent(binding.routingKey(), (key, current) -> {
                Destination[] remaining = DestinationArrays.without(current, target);
                return remaining.length == 0 ? null : remaining;
            });
        }
    }

    /** One routing entry: several bindings differing only in arguments share it. */
    private record Route(String key, Destination destination) {
    }
}
