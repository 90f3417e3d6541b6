package org.ferrymq.broker.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a queue was declared. {@code exclusiveOwner} is the connection that owns an exclusive
 * queue (null otherwise): only it may use the queue, and the queue goes away with it.
 */
public record QueueSettings(String name, boolean durable, boolean autoDelete, Object exclusiveOwner,
                            Map<String, Object> arguments) {
    public QueueSettings {
        // not Map.copyOf: AMQP tables may carry void (null) values
        arguments = arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    public boolean exclusive() {
        return exclusiveOwner != null;
    }
}
