package org.ferrymq.broker.model.exchange;

import java.util.Optional;
import java.util.Set;

import org.ferrymq.broker.errors.AmqpException;

/**
 * The four exchange types of AMQP 0-9-1, by the names clients put in {@code exchange.declare}.
 * Immutable; safe from any thread.
 */
public enum ExchangeType {
    DIRECT("direct"),
    FANOUT("fanout"),
    TOPIC("topic"),
    HEADERS("headers");

    private final String amqpName;

    ExchangeType(String amqpName) {
        this.amqpName = amqpName;
    }

    /** The type's name on the wire: {@code direct}, {@code fanout}, {@code topic}, {@code headers}. */
    public String amqpName() {
        return amqpName;
    }

    /** The type with this wire name (case-sensitive, as in RabbitMQ), or empty. */
    public static Optional<ExchangeType> fromAmqpName(String amqpName) {
        for (ExchangeType type : values()) {
            if (type.amqpName.equals(amqpName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The type with this wire name, or the 503 COMMAND_INVALID connection error RabbitMQ 3.10
     * raises for it.
     *
     * <p>RabbitMQ words that error by whether the name happens to be an atom its Erlang node
     * already knows: "invalid exchange type 'test'" if so, "unknown exchange type 'bogus'" if
     * not. We cannot know the node's atom table, so we say "unknown" (what RabbitMQ says for
     * made-up names such as {@code bogus}, {@code x-custom}, {@code topik}) except for the
     * common words measured on RabbitMQ 3.10 to say "invalid". The code is the same either way.
     */
    public static ExchangeType parse(String amqpName) {
        return fromAmqpName(amqpName).orElseThrow(() ->
                AmqpException.commandInvalid(unknownTypeText(amqpName)));
    }

    /** RabbitMQ's text for an exchange type it does not have; see {@link #parse}. */
    public static String unknownTypeText(String amqpName) {
        String adjective = KNOWN_ATOMS.contains(amqpName) ? "invalid" : "unknown";
        return adjective + " exchange type '" + amqpName + "'";
    }

    // names RabbitMQ 3.10 answered with "invalid exchange type" (existing Erlang atoms)
    private static final Set<String> KNOWN_ATOMS = Set.of("x", "foo", "queue", "match", "invalid",
            "unknown", "bad", "none", "undefined", "test", "exchange", "error", "true", "false");
}
