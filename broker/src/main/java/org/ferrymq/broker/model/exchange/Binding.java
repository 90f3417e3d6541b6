package org.ferrymq.broker.model.exchange;

import java.util.Map;
import java.util.Objects;

/**
 * One binding: messages reaching exchange {@code source} whose routing key (or headers) match
 * go to {@code destination}. Two bindings are the same binding when destination, routing key
 * and arguments are equal, as in RabbitMQ (argument order does not matter, argument types do:
 * an int 1 and a long 1 are different arguments).
 *
 * @param source      the source exchange's name ({@code ""} for the default exchange)
 * @param destination the queue or exchange the binding points at
 * @param routingKey  the binding key (a pattern for topic exchanges); never null
 * @param arguments   the binding arguments, unmodifiable; never null, may hold null (void) values
 *
 * <p>Immutable value (its destination aside); safe to share between threads.
 */
public record Binding(String source, Destination destination, String routingKey,
                      Map<String, Object> arguments) {
    public Binding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(routingKey, "routingKey");
        arguments = FieldValues.immutableTable(arguments);
    }
}
