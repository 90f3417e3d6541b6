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

    @Override
    protected void bindingAdded(Binding binding) {
        matcher = matcher.with(binding.destination(), binding.arguments());
    }

    @Override
    protected void bindingRemoved(Binding binding) {
        matcher = matcher.without(binding.destination(), binding.arguments());
    }
}
