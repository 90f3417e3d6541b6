package org.ferrymq.broker.amqp.server;

import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;

/**
 * FerryMQ's browse extension: a basic.consume with {@code x-browse: true} is not a consumer but
 * a request for a snapshot of the queue's ready messages. The broker delivers copies of them in
 * queue order (at most {@code x-browse-limit}), never marking them delivered, then ends the
 * snapshot with a server-sent basic.cancel. Only no-ack, non-exclusive consumes may browse.
 *
 * @param limit the most messages to send
 */
record QueueBrowse(int limit) {
    static final String BROWSE_ARGUMENT = "x-browse";
    static final String LIMIT_ARGUMENT = "x-browse-limit";

    /** The browse a consume asks for, or null for an ordinary consumer; PRECONDITION_FAILED if it makes no sense. */
    static QueueBrowse fromConsume(Map<String, Object> arguments, boolean noAck, boolean exclusive) {
        Object browse = arguments == null ? null : arguments.get(BROWSE_ARGUMENT);
        if (browse == null || Boolean.FALSE.equals(browse)) {
            if (arguments != null && arguments.containsKey(LIMIT_ARGUMENT)) {
                throw AmqpException.preconditionFailed(LIMIT_ARGUMENT + " is only valid with " + BROWSE_ARGUMENT + "=true");
            }
            return null;
        }
        if (!Boolean.TRUE.equals(browse)) {
            throw AmqpException.preconditionFailed("invalid arg '" + BROWSE_ARGUMENT + "': expected a boolean");
        }
        if (!noAck) {
            throw AmqpException.preconditionFailed(BROWSE_ARGUMENT + " requires no-ack: a browse takes nothing to acknowledge");
        }
        if (exclusive) {
            throw AmqpException.preconditionFailed(BROWSE_ARGUMENT + " cannot be exclusive: a browse does not consume");
        }
        Object limit = arguments.get(LIMIT_ARGUMENT);
        if (limit == null) {
            return new QueueBrowse(Integer.MAX_VALUE);
        }
        if (!(limit instanceof Number n) || limit instanceof Double || limit instanceof Float || n.longValue() < 0) {
            throw AmqpException.preconditionFailed("invalid arg '" + LIMIT_ARGUMENT + "': expected a non-negative integer");
        }
        return new QueueBrowse((int) Math.min(Integer.MAX_VALUE, n.longValue()));
    }
}
