package org.ferrymq.broker.management;

import java.util.Map;

/** An exchange; the default exchange is listed with the name {@code ""}, as RabbitMQ does. */
public record ExchangeView(String vhost, String name, String type, boolean durable, boolean autoDelete,
                           boolean internal, Map<String, Object> arguments, MessageCounters counters) {
    public ExchangeView {
        arguments = Map.copyOf(arguments);
    }
}
