package org.ferrymq.broker.model;

import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;

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
            String text = value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
            for (Overflow o : values()) {
                if (o.amqpName.equals(text)) {
                    return o;
                }
            }
            throw invalid.of("x-overflow", "{unacceptable_value,<<\"" + text + "\">>}");
        }
    }

    public static final QueueArguments NONE = new QueueArguments(-1, -1, null, null, -1, -1, Overflow.DROP_HEAD, 0, false);

    public boolean hasLengthLimit() {
        return maxLength >= 0 || maxLengthBytes >= 0;
    }

    public boolean deadLettering() {
        return deadLetterExchange != null;
    }

    /** Parses the arguments of a queue.declare; PRECONDITION_FAILED with RabbitMQ's wording for bad values. */
    public static QueueArguments parse(String queue, String vhost, Map<String, Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return NONE;
        }
        Invalid invalid = (arg, why) -> AmqpException.preconditionFailed(
                "invalid arg '" + arg + "' for queue '" + queue + "' in vhost '" + vhost + "': " + why);
        long ttl = nonNegative(arguments, "x-message-ttl", invalid);
        long expires = positive(arguments, "x-expires", invalid);
        String dlx = text(arguments, "x-dead-letter-exchange", invalid);
        String dlrk = text(arguments, "x-dead-letter-routing-key", invalid);
        if (dlrk != null && dlx == null) {
            throw invalid.of("x-dead-letter-routing-key", "Key x-dead-letter-exchange should be present");
        }
        long maxLength = nonNegative(arguments, "x-max-length", invalid);
        long maxBytes = nonNegative(arguments, "x-max-length-bytes", invalid);
        Overflow overflow = arguments.containsKey("x-overflow")
                ? Overflow.parse(arguments.get("x-overflow"), invalid) : Overflow.DROP_HEAD;
        long priority = nonNegative(arguments, "x-max-priority", invalid);
        if (priority > 255) {
            throw invalid.of("x-max-priority", "{value_too_large," + priority + ",255}");
        }
        boolean sac = false;
        Object sacValue = arguments.get("x-single-active-consumer");
        if (sacValue != null) {
            if (!(sacValue instanceof Boolean b)) {
                throw invalid.of("x-single-active-consumer", "{unacceptable_type," + typeName(sacValue) + "}");
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
        if (n <= 0) {
            throw invalid.of(key, "{value_zero_or_less," + n + "}");
        }
        return n;
    }

    private static long integer(Object value, String key, Invalid invalid) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw invalid.of(key, "{unacceptable_type," + typeName(value) + "}");
    }

    private static String text(Map<String, Object> args, String key, Invalid invalid) {
        Object value = args.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        throw invalid.of(key, "{unacceptable_type," + typeName(value) + "}");
    }

    private static String typeName(Object value) {
        if (value instanceof String || value instanceof byte[]) {
            return "longstr";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Number) {
            return "long";
        }
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
