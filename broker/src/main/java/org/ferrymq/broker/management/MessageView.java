package org.ferrymq.broker.management;

import java.util.Map;

/**
 * A message as management shows it: {@code id} is the broker's message id (what move, copy and
 * delete by id take), {@code properties} uses RabbitMQ's names ({@code content_type},
 * {@code delivery_mode}, {@code headers}, ...), {@code deliveryCount} is how many times it was
 * delivered before.
 */
public record MessageView(long id, String exchange, String routingKey, Map<String, Object> properties, byte[] body,
                          boolean redelivered, int deliveryCount, int remaining) {
    public MessageView {
        properties = Map.copyOf(properties);
    }

    public int size() {
        return body.length;
    }
}
