package org.ferrymq.broker.amqp.server;

import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;

/**
 * FerryMQ's browse extension: a basic.consume with {@code x-browse: true} is not a consumer but
 * a request for a snapshot of the queue's ready messages. The broker delivers copies of them in
 * queue order, never marking them delivered, then ends the snapshot with a server-sent
 * basic.cancel. Only no-ack, non-exclusive consumes may browse.
 *
 * @param limit how many ready messages, from the head of the queue, the browse looks at
 *              ({@code x-browse-limit}, default {@value #DEFAULT_LIMIT}: a browse copies what it
 *              sends, and a paged queue would otherwise be read into memory whole)
 */
record QueueBrowse(int limit) {
    static final String BROWSE_ARGUMENT = "x-browse";
    static final String LIMIT_ARGUMENT = "x-browse-limit";
    static final int DEFAULT_LIMIT = 10_000;

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
            return new QueueBrowse(DEFAULT_LIMIT);
        }
        if (!(limit instanceof Number n) || limit instanceof Double || limit instanceof Float || n.longValue() < 0) {
            throw AmqpException.preconditionFailed("invalid arg '" + LIMIT_ARGUMENT + "': expected a non-negative integer");
        }
        return new QueueBrowse((int) Math.min(Integer.MAX_VALUE, n.longValue()));
    }
}
