package org.ferrymq.broker.model;

import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.model.exchange.FieldValues;

/**
 * The {@code x-queue-type} argument, checked as RabbitMQ 3.10 checks it, so a program written for
 * a RabbitMQ cluster declares its queues here unchanged. FerryMQ is one node, so a quorum queue is
 * kept as any durable queue is (there is nothing to replicate to); it is held to a quorum queue's
 * rules all the same, so what works here works on the cluster. Streams are not implemented:
 * refused with a message that says so, rather than quietly made a queue that consumes.
 */
final class QueueType {
    private QueueType() {
    }

    static void check(String queue, String vhost, boolean durable, boolean exclusive, boolean autoDelete,
                      Map<String, Object> arguments) {
        Object type = arguments == null ? null : arguments.get("x-queue-type");
        if (type == null) {
            return;
        }
        String where = "' for queue '" + queue + "' in vhost '" + vhost + "'";
        if (!(type instanceof String name)) {
            throw AmqpException.preconditionFailed("invalid arg 'x-queue-type" + where
                    + ": {unacceptable_type," + FieldValues.amqpTypeName(type) + "}");
        }
        switch (name) {
            case "classic" -> { }
            case "quorum" -> checkQuorum(where, durable, exclusive, autoDelete, arguments);
            case "stream" -> throw AmqpException.preconditionFailed("invalid arg 'x-queue-type" + where
                    + ": stream queues are not supported by FerryMQ (use a classic or quorum queue)");
            default -> throw AmqpException.preconditionFailed("invalid arg 'x-queue-type" + where
                    + ": \"unsupported queue type '" + name + "'\"");
        }
    }

    /** A quorum queue is durable, shared and kept when unused, and has no priorities (RabbitMQ 3.10). */
    private static void checkQuorum(String where, boolean durable, boolean exclusive, boolean autoDelete,
                                    Map<String, Object> arguments) {
        if (exclusive) {
            throw AmqpException.preconditionFailed("invalid property 'exclusive-owner" + where);
        }
        if (!durable) {
            throw AmqpException.preconditionFailed("invalid property 'non-durable" + where);
        }
        if (autoDelete) {
            throw AmqpException.preconditionFailed("invalid property 'auto-delete" + where);
        }
        if (arguments.containsKey("x-max-priority")) {
            throw AmqpException.preconditionFailed("invalid arg 'x-max-priority" + where + " of queue type rabbit_quorum_queue");
        }
    }
}
