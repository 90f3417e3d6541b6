package org.ferrymq.broker.model.exchange;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A topic exchange: binding keys are patterns over dot-separated words ({@code *} one word,
 * {@code #} zero or more), matched by a {@link TopicMatcher}.
 *
 * <h2>Threads</h2>
 * Routing reads one volatile, immutable {@link TopicMatcher} without locking; each write
 * publishes a new matcher that shares the untouched part of the trie (copy-on-write by path
 * copying). Writers are serialized by {@link Exchange}.
 */
public final class TopicExchange extends Exchange {
    private volatile TopicMatcher matcher = TopicMatcher.EMPTY;
    private final ReferenceCounts<Route> routeCounts = new ReferenceCounts<>();

    public TopicExchange(String vhost, String name, boolean durable, boolean autoDelete,
                         boolean internal, Map<String, Object> arguments) {
        super(vhost, name, durable, autoDelete, internal, arguments);
    }

    @Override
    public ExchangeType type() {
        return ExchangeType.TOPIC;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        matcher.match(routingKey, out);
    }

    @Override
    protected void bindingAdded(Binding binding, Destination target) {
        if (routeCounts.increment(Route.of(binding, target))) {
            matcher = matcher.with(binding.routingKey(), target);
        }
    }

    @Override
    protected void bindingRemoved(Binding binding, Destination target) {
        if (routeCounts.decrement(Route.of(binding, target))) {
            matcher = matcher.without(binding.routingKey(), target);
        }
    }

    /** One trie entry: bindings whose patterns are equivalent ({@code #.#} and {@code #}) or
     * that differ only in arguments share it. */
    private record Route(String canonicalPattern, Destination destination) {
        static Route of(Binding binding, Destination target) {
            return new Route(TopicMatcher.canonicalPattern(binding.routingKey()), target);
        }
    }
}
