package org.ferrymq.broker.model.exchange;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A fanout exchange: every message goes to every bound destination; keys are ignored.
 *
 * <h2>Threads</h2>
 * Routing reads one volatile, immutable array of distinct destinations without locking;
 * each write publishes a new array (copy-on-write). Writers are serialized by {@link Exchange}.
 */
public final class FanoutExchange extends Exchange {
    private volatile Destination[] destinations = DestinationArrays.EMPTY;
    private final ReferenceCounts<Destination> destinationCounts = new ReferenceCounts<>();

    public FanoutExchange(String vhost, String name, boolean durable, boolean autoDelete,
                          boolean internal, Map<String, Object> arguments) {
        super(vhost, name, durable, autoDelete, internal, arguments);
    }

    @Override
    public ExchangeType type() {
        return ExchangeType.FANOUT;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        for (Destination destination : destinations) {
            out.accept(destination);
        }
    }

    @Override
    protected void bindingAdded(Binding binding, Destination target) {
        if (destinationCounts.increment(target)) {
            destinations = DestinationArrays.with(destinations, target);
        }
    }

    @Override
    protected void bindingRemoved(Binding binding, Destination target) {
        if (destinationCounts.decrement(target)) {
            destinations = DestinationArrays.without(destinations, target);
        }
    }
}
