package org.ferrymq.broker.model;

import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.model.exchange.FieldValues;

/**
 * The RabbitMQ queue arguments FerryMQ acts on, parsed and validated once at declare time.
 * Unknown {@code x-} arguments are kept but ignored, as RabbitMQ does.
 *
 * @param messageTtl           x-message-ttl in ms, or -1
 * @param expires              x-expires in ms (delete after unused that long), or -1
 * @param deadLetterExchange   x-dead-letter-exchange, or null
 * @param deadLetterRoutingKey x-dead-letter-routing-key, or null (keep the message's keys)
 * @param maxLength            x-max-length (ready messages), or -1
 * @param maxLengthBytes       x-max-length-bytes (ready message bodies), or -1
 * @param overflow             x-overflow
 * @param maxPriority          x-max-priority (1..255), or 0 for a plain FIFO queue
 * @param singleActiveConsumer x-single-active-consumer
 */
public record QueueArguments(long messageTtl, long expires, String deadLetterExchange, String deadLetterRoutingKey,
                             long maxLength, long maxLengthBytes, Overflow overflow, int maxPriority,
                             boolean singleActiveConsumer) {

    /** What happens when a queue is at its length limit and another message arrives. */
    public enum Overflow {
        DROP_HEAD("drop-head"), REJECT_PUBLISH("reject-publish"), REJECT_PUBLISH_DLX("reject-publish-dlx");

        private final String amqpName;

        Overflow(String amqpName) {
            this.amqpName = amqpName;
        }

        static Overflow parse(Object value, Invalid invalid) {
            if (!(value instanceof String text)) {
                throw invalid.of("x-overflow", "{unacceptable_type," + FieldValues.amqpTypeName(value) + "}");
            }
            for (Overflow o : values()) {
                if (o.amqpName.equals(text)) {
                    return o;
                }
            }
            throw invalid.of("x-overflow", "invalid_overflow");
        }
    }

    /** RabbitMQ's largest TTL or expiry: ten years in milliseconds. */
    public static final long MAX_TTL = 315_360_000_000L;

    public static final QueueArguments NONE = new QueueArguments(-1, -1, null, null, -1, -1, Overflow.DROP_HEAD, 0, false);

    public boolean hasLengthLimit() {
        return maxLength >= 0 || maxLengthBytes >= 0;
    }

    public boolean deadLettering() {
        return deadLetterExchange != null;
    }

    /** True if one more message would break the length limits (for the reject-publish overflows). */
    boolean wouldOverflow(int readyCount, long readyBytes, Message message) {
        return (maxLength >= 0 && readyCount + 1 > maxLength)
                || (maxLengthBytes >= 0 && readyBytes + message.bodySize() > maxLengthBytes);
    }

    /** True if the queue is over its length limits (so drop-head removes the oldest). */
    boolean overLimit(int readyCount, long readyBytes) {
        return readyCount > 0 && ((maxLength >= 0 && readyCount > maxLength)
                || (maxLengthBytes >= 0 && readyBytes > maxLengthBytes));
    }

    /** When a message arriving now expires: the lower of the queue's TTL and its own expiration; 0 = never. */
    long expiresAt(Message message, long now) {
        long ttl = messageTtl;
        long perMessage = message.expirationMillis();
        if (perMessage >= 0 && (ttl < 0 || perMessage < ttl)) {
            ttl = perMessage;
        }
        return ttl < 0 ? 0 : now + ttl;
    }

    /** A message's priority in a priority queue, capped at x-max-priority; 0 elsewhere. */
    int priorityOf(Message message) {
        if (maxPriority == 0) {
            return 0;
        }
        Integer p = message.properties().priority();
        return p == null ? 0 : Math.min(p, maxPriority);
    }

    /** Parses the arguments of a queue.declare; PRECONDITION_FAILED with RabbitMQ's wording for bad values. */
    public static QueueArguments parse(String queue, String vhost, Map<String, Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return NONE;
        }
        Invalid invalid = (arg, why) -> AmqpException.preconditionFailed(
                "invalid arg '" + arg + "' for queue '" + queue + "' in vhost '" + vhost + "': " + why);
        long ttl = nonNegative(arguments, "x-message-ttl", invalid);
        if (ttl > MAX_TTL) {
            throw invalid.of("x-message-ttl", "{value_too_large," + ttl + "}");
        }
        long expires = positive(arguments, "x-expires", invalid);
        if (expires > MAX_TTL) {
            throw invalid.of("x-expires", "{value_too_large," + expires + "}");
        }
        String dlx = text(arguments, "x-dead-letter-exchange", queue, vhost);
        String dlrk = text(arguments, "x-dead-letter-routing-key", queue, vhost);
        if (dlrk != null && dlx == null) {
            throw invalid.of("x-dead-letter-routing-key", "routing_key_but_no_dlx_defined");
        }
        long maxLength = nonNegative(arguments, "x-max-length", invalid);
        long maxBytes = nonNegative(arguments, "x-max-length-bytes", invalid);
        Overflow overflow = arguments.containsKey("x-overflow")
                ? Overflow.parse(arguments.get("x-overflow"), invalid) : Overflow.DROP_HEAD;
        long priority = nonNegative(arguments, "x-max-priority", invalid);
        if (priority > 255) {
            throw invalid.of("x-max-priority", "{max_value_exceeded," + priority + "}");
        }
        boolean sac = false;
        Object sacValue = arguments.get("x-single-active-consumer");
        if (sacValue != null) {
            if (!(sacValue instanceof Boolean b)) {
                throw invalid.of("x-single-active-consumer", "{unacceptable_type," + FieldValues.amqpTypeName(sacValue) + "}");
            }
            sac = b;
        }
        return new QueueArguments(ttl, expires, dlx, dlrk, maxLength, maxBytes, overflow,
                priority < 0 ? 0 : (int) priority, sac);
    }

    @FunctionalInterface
    interface Invalid {
        AmqpException of(String argument, String why);
    }

    private static long nonNegative(Map<String, Object> args, String key, Invalid invalid) {
        Object value = args.get(key);
        if (value == null) {
            return -1;
        }
        long n = integer(value, key, invalid);
        if (n < 0) {
            throw invalid.of(key, "{value_negative," + n + "}");
        }
        return n;
    }

    private static long positive(Map<String, Object> args, String key, Invalid invalid) {
        Object value = args.get(key);
        if (value == null) {
            return -1;
        }
        long n = integer(value, key, invalid);
        if (n == 0) {
            throw invalid.of(key, "{value_zero,0}");
        }
        if (n < 0) {
            throw invalid.of(key, "{value_negative," + n + "}");
        }
        return n;
    }

    private static long integer(Object value, String key, Invalid invalid) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw invalid.of(key, "\"expected integer, got " + FieldValues.amqpTypeName(value) + "\"");
    }

    /** A string argument; another type gets RabbitMQ's "invalid type" wording. */
    private static String text(Map<String, Object> args, String key, String queue, String vhost) {
        Object value = args.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw AmqpException.preconditionFailed("invalid type '" + FieldValues.amqpTypeName(value) + "' for arg '" + key
                + "' in queue '" + queue + "' in vhost '" + vhost + "'");
    }


}
