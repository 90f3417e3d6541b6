package org.ferrymq.jms.destination;

import java.io.Serializable;
import java.util.Objects;

import jakarta.jms.Destination;

/**
 * Where a JMS destination points on the AMQP side: messages are published to {@link #exchange()}
 * with {@link #routingKey()}. Immutable; JNDI-bindable (serializable).
 */
public abstract class FerryDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    private final String exchange;
    private final String routingKey;
    /** basic.qos prefetch for consumers of this destination, or 0 for the factory default. */
    private final int prefetch;

    protected FerryDestination(String exchange, String routingKey, int prefetch) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
        this.prefetch = prefetch;
    }

    public String exchange() {
        return exchange;
    }

    public String routingKey() {
        return routingKey;
    }

    public int prefetch() {
        return prefetch;
    }

    public abstract boolean isQueue();

    /** The string written into AMQP reply-to, read back by {@link Destinations#fromAddress}. */
    public abstract String address();

    @Override
    public boolean equals(Object o) {
        return o instanceof FerryDestination d && d.isQueue() == isQueue()
                && d.exchange.equals(exchange) && d.routingKey.equals(routingKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(isQueue(), exchange, routingKey);
    }

    @Override
    public String toString() {
        return address();
    }
}
