package org.ferrymq.jms.provider;

/**
 * A connection to a broker, the only way the JMS classes reach the wire (the layering of
 * Qpid JMS: the JMS facade above, transports chosen by URI scheme below).
 *
 * <p>Threading: thread-safe.
 */
public interface Provider extends AutoCloseable {
    /**
     * A new channel. With {@code confirms} every publish on it waits for a publisher confirm;
     * a channel that will use transactions must be opened without.
     */
    ProviderChannel openChannel(boolean confirms) throws ProviderException;

    /** queue.declare passive on a throw-away channel. */
    boolean queueExists(String queue) throws ProviderException;

    /** exchange.declare passive on a throw-away channel. */
    boolean exchangeExists(String exchange) throws ProviderException;

    /** Where connection failures (not caused by {@link #close()}) are reported. */
    void onFailure(FailureListener listener);

    /**
     * True if the broker announced FerryMQ's XA extension (server capability {@code ferrymq.xa}):
     * plain RabbitMQ has no distributed transactions.
     */
    default boolean supportsXa() {
        return false;
    }

    /** "RabbitMQ 3.10.x", "FerryMQ 0.1.0": for ConnectionMetaData. */
    String brokerProduct();

    /** The broker's own version: FerryMQ's {@code product_version}, else {@code version}. */
    String brokerVersion();

    /**
     * FerryMQ announces a RabbitMQ-compatible {@code version} (client libraries gate features on
     * it) and its own version in {@code product_version}; RabbitMQ has only {@code version}.
     */
    static String brokerVersionOf(java.util.Map<String, ?> serverProperties) {
        Object own = serverProperties == null ? null : serverProperties.get("product_version");
        Object announced = serverProperties == null ? null : serverProperties.get("version");
        Object version = own != null ? own : announced;
        return version == null ? "unknown" : version.toString();
    }

    /** The name the transport used for this connection, for logs. */
    String description();

    @Override
    void close();

    @FunctionalInterface
    interface FailureListener {
        void failed(ProviderException failure);
    }
}
