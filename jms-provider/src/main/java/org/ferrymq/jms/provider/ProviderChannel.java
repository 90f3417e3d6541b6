package org.ferrymq.jms.provider;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One AMQP channel: what a JMS session uses for everything it sends, consumes, acknowledges
 * and commits, so that acknowledgements and transactions cover the same deliveries.
 * A broker error closes the channel; calls after that fail with a {@link ProviderException}.
 *
 * <p>Threading: thread-safe; deliveries for one channel arrive in order on one transport thread.
 */
public interface ProviderChannel extends AutoCloseable {
    /** queue.declare; returns the (possibly server-chosen) name. */
    String declareQueue(QueueSpec spec) throws ProviderException;

    /** queue.bind without arguments. */
    default void bindQueue(String queue, String exchange, String routingKey) throws ProviderException {
        bindQueue(queue, exchange, routingKey, Map.of());
    }

    /** queue.bind with arguments, e.g. FerryMQ's {@code x-selector} (only where {@link #filtersOnBroker()}). */
    void bindQueue(String queue, String exchange, String routingKey, Map<String, Object> arguments) throws ProviderException;

    /** queue.unbind of the binding with exactly these arguments; a missing binding is no error. */
    void unbindQueue(String queue, String exchange, String routingKey, Map<String, Object> arguments) throws ProviderException;

    void deleteQueue(String queue, boolean ifUnused) throws ProviderException;

    /**
     * basic.publish. The future completes when the broker has taken responsibility for the
     * message (publisher confirm) if this channel confirms, else once it is written.
     */
    default CompletableFuture<Void> publish(String exchange, String routingKey, WireMessage message) throws ProviderException {
        return publish(exchange, routingKey, message, false);
    }

    /**
     * basic.publish, {@code mandatory} as AMQP has it. On a channel that confirms, a mandatory
     * message that no queue takes fails its future with 312 NO_ROUTE ({@link MandatoryPublishes});
     * elsewhere the return is only logged.
     */
    CompletableFuture<Void> publish(String exchange, String routingKey, WireMessage message, boolean mandatory)
            throws ProviderException;

    /** basic.qos then basic.consume with manual acknowledgement; returns the consumer tag. */
    String consume(String queue, int prefetch, boolean exclusive, DeliveryListener listener) throws ProviderException;

    /**
     * A consumer whose selector the broker evaluates. Only a transport whose broker filters
     * (the in-process one may) overrides this; AMQP 0-9-1 has no selectors, so by default it fails.
     */
    default String consume(String queue, int prefetch, boolean exclusive, String selector, DeliveryListener listener)
            throws ProviderException {
        if (selector == null || selector.isBlank()) {
            return consume(queue, prefetch, exclusive, listener);
        }
        throw new ProviderException("this transport cannot filter a queue by selector on the broker", null);
    }

    /** True if {@link #consume(String, int, boolean, String, DeliveryListener)} accepts selectors. */
    default boolean filtersOnBroker() {
        return false;
    }

    /**
     * A snapshot of the queue's ready messages, in queue order, at most {@code limit}, filtered by
     * {@code selector} (or null), that leaves them in the queue untouched: FerryMQ's browse
     * ({@code basic.consume} with {@code x-browse}, see {@link BrowseSnapshot}). Only a transport
     * whose broker {@link #filtersOnBroker() filters} has it; by default it fails.
     */
    default java.util.List<WireDelivery> browse(String queue, String selector, int limit) throws ProviderException {
        throw new ProviderException("this transport cannot browse a queue on the broker", null);
    }

    void cancel(String consumerTag) throws ProviderException;

    void ack(long deliveryTag) throws ProviderException;

    void nack(long deliveryTag, boolean requeue) throws ProviderException;

    /** basic.get without acknowledgement (the delivery stays unacked on this channel); null if empty. */
    WireDelivery get(String queue) throws ProviderException;

    /** tx.select: from now on publishes and acks take effect only at {@link #commit()}. */
    void startTransactions() throws ProviderException;

    void commit() throws ProviderException;

    void rollback() throws ProviderException;

    /**
     * FerryMQ's XA extension ({@code tx.xa}): one operation on a distributed transaction branch,
     * on this channel. Only where {@link Provider#supportsXa()}; by default it fails.
     */
    default XaReply xa(org.ferrymq.broker.amqp.codec.AmqpTxXa request) throws ProviderException {
        throw new ProviderException("this transport has no distributed (XA) transactions", null);
    }

    boolean isOpen();

    /**
     * Called once if the broker closes this channel (a channel error such as 404 on a publish
     * to a deleted exchange); not called for {@link #close()} or a connection failure.
     */
    void onBrokerClose(java.util.function.Consumer<ProviderException> listener);

    /**
     * Runs {@code listener} each time the broker-side channel behind this object ends other than
     * by {@link #close()}: closed by the broker, or lost with its connection. A channel that the
     * transport brings back by itself (AMQP automatic recovery) goes on as a new broker-side
     * channel, so what belonged to the old one (an XA branch, its deliveries) is gone even though
     * this object reads as open again.
     */
    void onLost(Runnable listener);

    /** Closes the channel; the broker requeues whatever it delivered and nobody acknowledged. */
    @Override
    void close();
}
