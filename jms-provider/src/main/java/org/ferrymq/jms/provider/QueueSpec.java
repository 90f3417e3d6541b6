package org.ferrymq.jms.provider;

import java.util.Map;

/**
 * The arguments of a queue.declare.
 *
 * @param name "" asks the server to name the queue
 */
public record QueueSpec(String name, boolean durable, boolean exclusive, boolean autoDelete, Map<String, Object> arguments) {
    public QueueSpec {
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }

    /** A server-named queue private to this connection, gone when it closes. */
    public static QueueSpec exclusiveServerNamed() {
        return new QueueSpec("", false, true, true, Map.of());
    }
}
