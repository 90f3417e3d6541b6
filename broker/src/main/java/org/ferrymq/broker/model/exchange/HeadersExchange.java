package org.ferrymq.broker.model.exchange;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A headers exchange: routing keys are ignored; each binding's arguments are matched against
 * the message's headers by a {@link HeadersMatcher} ({@code x-match} all / any /
 * all-with-x / any-with-x).
 *
 * <h2>Threads</h2>
 * Routing reads one volatile, immutable {@link HeadersMatcher} without locking; each write
 * publishes a new one (copy-on-write). Writers are serialized by {@link Exchange}.
 */
public final class HeadersExchange extends Exchange {
    private volatile HeadersMatcher matcher = HeadersMatcher.EMPTY;

    public HeadersExchange(String vhost, String name, boolean durable, boolean autoDelete,
                           boolean internal, Map<String, Object> arguments) {
        super(vhost, name, durable, autoDelete, internal, arguments);
    }

    @Override
    public ExchangeType type() {
        return ExchangeType.HEADERS;
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        matcher.match(headers, out);
    }

    /** Rejects a bad {@code x-match} with RabbitMQ's 406 text. */
    @Override
    protected void validateBinding(Map<String, Object> arguments) {
        HeadersMatcher.validate(arguments);
    }

    /** The arguments headers are matched against: without x-selector, which is not a header to match, even for all-with-x. */
    private static Map<String, Object> headerArguments(Binding binding) {
        Map<String, Object> arguments = binding.arguments();
        if (!arguments.containsKey(SelectedDestination.SELECTOR_ARGUMENT)) {
            return arguments;
        }
        Map<String, Object> rest = new java.util.HashMap<>(arguments);
        rest.remove(SelectedDestination.SELECTOR_ARGUMENT);
        return rest;
    }

    @Override
    protected void bindingAdded(Binding binding, Destination target) {
        matcher = matcher.with(target, headerArguments(binding));
    }

    @Override
    protected void bindingRemoved(Binding binding, Destination target) {
        matcher = matcher.without(target, headerArguments(binding));
    }
}
