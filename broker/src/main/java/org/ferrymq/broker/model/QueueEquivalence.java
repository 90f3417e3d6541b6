package org.ferrymq.broker.model;

import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.model.exchange.FieldValues;

/**
 * RabbitMQ's rule for re-declaring a queue: durable, auto-delete and the queue arguments RabbitMQ
 * knows must match. Other {@code x-} arguments are kept from the first declare but not compared,
 * as RabbitMQ 3.10 does, so a client that adds its own marker arguments can still redeclare.
 */
final class QueueEquivalence {
    /** RabbitMQ 3.10's declare arguments (rabbit_amqqueue:declare_args/0): the only ones it compares. */
    private static final java.util.Set<String> COMPARED = java.util.Set.of(
            "x-expires", "x-message-ttl", "x-dead-letter-exchange", "x-dead-letter-routing-key", "x-max-length",
            "x-max-length-bytes", "x-max-in-memory-length", "x-max-in-memory-bytes", "x-max-priority", "x-overflow",
            "x-queue-mode", "x-single-active-consumer", "x-queue-type", "x-quorum-initial-group-size", "x-max-age",
            "x-stream-max-segment-size-bytes", "x-initial-cluster-size", "x-queue-leader-locator", "x-queue-version");

    private QueueEquivalence() {
    }

    static void check(MessageQueue queue, boolean durable, boolean autoDelete, Map<String, Object> arguments) {
        QueueSettings s = queue.settings();
        if (s.durable() != durable) {
            throw inequivalent(queue, "durable", durable, s.durable());
        }
        if (s.autoDelete() != autoDelete) {
            throw inequivalent(queue, "auto_delete", autoDelete, s.autoDelete());
        }
        Map<String, Object> requested = arguments == null ? Map.of() : arguments;
        for (String key : union(s.arguments(), requested)) {
            Object current = s.arguments().get(key);
            Object received = requested.get(key);
            if (!sameValue(current, received)) {
                throw inequivalentArgument(queue, key, received, current);
            }
        }
    }

    private static java.util.Set<String> union(Map<String, Object> a, Map<String, Object> b) {
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.retainAll(COMPARED);
        return keys;
    }

    /**
     * RabbitMQ's rabbit_misc:assert_args_equivalence: equal values of the same class of type.
     * The integer types are one class (pika sends 'l', the Java client 'I'), float and double
     * another, so {@code 10} and {@code 10.0} differ.
     */
    private static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        return FieldValues.sameTypeClass(a, b) && FieldValues.matchesOrBothVoid(a, b);
    }

    /** RabbitMQ names the type when one side is missing: "received none but current is the value '1000' of type 'signedint'". */
    private static AmqpException inequivalentArgument(MessageQueue queue, String arg, Object received, Object current) {
        if (received != null && current != null) {
            return inequivalent(queue, arg, received, current);
        }
        String receivedText = received == null ? "none" : "the value '" + received + "' of type '" + FieldValues.amqpTypeName(received) + "'";
        String currentText = current == null ? "none" : "the value '" + current + "' of type '" + FieldValues.amqpTypeName(current) + "'";
        return AmqpException.preconditionFailed("inequivalent arg '" + arg + "' for queue '" + queue.name()
                + "' in vhost '" + queue.vhost() + "': received " + receivedText + " but current is " + currentText);
    }

    private static AmqpException inequivalent(MessageQueue queue, String arg, Object received, Object current) {
        return AmqpException.preconditionFailed("inequivalent arg '" + arg + "' for queue '" + queue.name()
                + "' in vhost '" + queue.vhost() + "': received '" + received + "' but current is '" + current + "'");
    }
}
