package org.ferrymq.broker.model.exchange;

import java.util.Optional;

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
     * The type with this wire name, or the 503 COMMAND_INVALID connection error RabbitMQ raises:
     * {@code invalid exchange type 'x'}.
     *
     * <p>RabbitMQ 3.10 says "unknown exchange type 'x'" instead when the name happens not to
     * be an Erlang atom known to the node (e.g. {@code Direct}, {@code x-consistent-hash}) and
     * "invalid" otherwise (e.g. {@code foo}, {@code queue}); that depends on the node's atom
     * table, so we always use the "invalid" wording. Both carry the same code.
     */
    public static ExchangeType parse(String amqpName) {
        return fromAmqpName(amqpName).orElseThrow(() ->
                AmqpException.commandInvalid("invalid exchange type '" + amqpName + "'"));
    }
}
