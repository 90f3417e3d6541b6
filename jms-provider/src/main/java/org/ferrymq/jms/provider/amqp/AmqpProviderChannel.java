package org.ferrymq.jms.provider.amqp;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.impl.recovery.AutorecoveringChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.ferrymq.jms.provider.BrowseSnapshot;
import org.ferrymq.jms.provider.DeliveryListener;
import org.ferrymq.jms.provider.MandatoryPublishes;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.QueueSpec;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.provider.WireMessage;

/**
 * A {@link ProviderChannel} on a RabbitMQ client channel (which the client recovers after a
 * connection failure). Publishing takes a lock so a confirm sequence number always belongs to
 * the publish that follows it.
 */
final class AmqpProviderChannel implements ProviderChannel {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpProviderChannel.class);
    private final Channel channel;
    private final ConfirmTracker confirms;
    private final MandatoryPublishes mandatoryPublishes = new MandatoryPublishes();
    private final Object publishLock = new Object();
    private final Object consumeLock = new Object();
    /** FerryMQ evaluates selectors itself (basic.consume argument x-selector); plain RabbitMQ does not. */
    private final boolean brokerFilters;
    /** How long a browse may take to send its snapshot. */
    private static final Duration BROWSE_TIMEOUT = Duration.ofSeconds(60);

    AmqpProviderChannel(Channel channel, boolean confirm, boolean brokerFilters) throws IOException {
        this.channel = channel;
        this.brokerFilters = brokerFilters;
        if (confirm) {
            channel.confirmSelect();
            confirms = new ConfirmTracker();
            channel.addConfirmListener(confirms);
            channel.addShutdownListener(cause -> confirms.failAll(AmqpFailures.fromSignal("channel closed", cause)));
        } else {
            confirms = null;
        }
        // the client calls return and confirm listeners on its reader thread, in frame order
        channel.addReturnListener(r -> {
            if (!mandatoryPublishes.returned(r.getProperties().getMessageId(), r.getReplyCode(), r.getReplyText())) {
                LOG.debug("message returned to {} {}: {} {}", r.getExchange(), r.getRoutingKey(), r.getReplyCode(), r.getReplyText());
            }
        });
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private <T> T call(String doing, Call<T> call) throws ProviderException {
        try {
            return call.run();
        } catch (Exception e) {
            throw AmqpFailures.translate(doing, e);
        }
    }

    @Override
    public String declareQueue(QueueSpec spec) throws ProviderException {
        return call("queue.declare " + spec.name(), () -> channel.queueDeclare(spec.name(), spec.durable(),
                spec.exclusive(), spec.autoDelete(), spec.arguments().isEmpty() ? null : new HashMap<>(spec.arguments())).getQueue());
    }

    @Override
    public void bindQueue(String queue, String exchange, String routingKey, java.util.Map<String, Object> arguments)
            throws ProviderException {
        call("queue.bind " + queue + " to " + exchange, () -> channel.queueBind(queue, exchange, routingKey, arguments));
    }

    @Override
    public void unbindQueue(String queue, String exchange, String routingKey, java.util.Map<String, Object> arguments)
            throws ProviderException {
        call("queue.unbind " + queue + " from " + exchange,
                () -> channel.queueUnbind(queue, exchange, routingKey, arguments));
    }

    @Override
    public void deleteQueue(String queue, boolean ifUnused) throws ProviderException {
        call("queue.delete " + queue, () -> channel.queueDelete(queue, ifUnused, false));
    }

    @Override
    public CompletableFuture<Void> publish(String exchange, String routingKey, WireMessage message, boolean mandatory)
            throws ProviderException {
        AMQP.BasicProperties props = AmqpProperties.toBasic(message);
        String doing = "basic.publish to " + (exchange.isEmpty() ? "queue " + routingKey : exchange);
        return call(doing, () -> {
            synchronized (publishLock) {
                if (confirms == null) {
                    channel.basicPublish(exchange, routingKey, mandatory, props, message.body());
                    return CompletableFuture.<Void>completedFuture(null);
                }
                CompletableFuture<Void> confirmed = confirms.register(channel.getNextPublishSeqNo());
                CompletableFuture<Void> done = mandatory ? mandatoryPublishes.track(message.messageId(), doing, confirmed)
                        : confirmed;
                channel.basicPublish(exchange, routingKey, mandatory, props, message.body());
                return done;
            }
        });
    }

    @Override
    public String consume(String queue, int prefetch, boolean exclusive, DeliveryListener listener) throws ProviderException {
        return consume(queue, prefetch, exclusive, null, listener);
    }

    @Override
    public boolean filtersOnBroker() {
        return brokerFilters;
    }

    @Override
    public String consume(String queue, int prefetch, boolean exclusive, String selector, DeliveryListener listener)
            throws ProviderException {
        if (selector != null && !selector.isBlank() && !brokerFilters) {
            return ProviderChannel.super.consume(queue, prefetch, exclusive, selector, listener);
        }
        java.util.Map<String, Object> arguments = selector == null || selector.isBlank()
                ? null : java.util.Map.of("x-selector", selector);
        return call("basic.consume " + queue, () -> {
            synchronized (consumeLock) {
                channel.basicQos(prefetch, false);
                return channel.basicConsume(queue, false, "", false, exclusive, arguments, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                        listener.onDelivery(new WireDelivery(envelope.getDeliveryTag(), envelope.isRedeliver(),
                                envelope.getExchange(), envelope.getRoutingKey(), AmqpProperties.fromBasic(properties, body)));
                    }

                    @Override
                    public void handleCancel(String tag) {
                        // the broker cancelled it (queue deleted, node down): automatic recovery must not
                        // bring it back behind the provider's back, which subscribes again itself
                        if (channel instanceof AutorecoveringChannel recovering) {
                            recovering.deleteRecordedConsumer(tag);
                        }
                        listener.onCancelled();
                    }
                });
            }
        });
    }

    /** FerryMQ's browse: a no-ack basic.consume with x-browse, ended by the broker's basic.cancel. */
    @Override
    public List<WireDelivery> browse(String queue, String selector, int limit) throws ProviderException {
        if (!brokerFilters) {
            return ProviderChannel.super.browse(queue, selector, limit);
        }
        BrowseSnapshot snapshot = new BrowseSnapshot();
        call("basic.consume " + queue + " (browse)", () -> channel.basicConsume(queue, true, "", false, false,
                BrowseSnapshot.arguments(selector, limit), new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                        snapshot.onDelivery(new WireDelivery(envelope.getDeliveryTag(), envelope.isRedeliver(),
                                envelope.getExchange(), envelope.getRoutingKey(), AmqpProperties.fromBasic(properties, body)));
                    }

                    @Override
                    public void handleCancel(String tag) {
                        snapshot.onCancelled();
                    }
                }));
        return snapshot.await(queue, BROWSE_TIMEOUT);
    }

    @Override
    public void cancel(String consumerTag) throws ProviderException {
        call("basic.cancel", () -> {
            channel.basicCancel(consumerTag);
            return null;
        });
    }

    @Override
    public void ack(long deliveryTag) throws ProviderException {
        call("basic.ack", () -> {
            channel.basicAck(deliveryTag, false);
            return null;
        });
    }

    @Override
    public void nack(long deliveryTag, boolean requeue) throws ProviderException {
        call("basic.nack", () -> {
            channel.basicNack(deliveryTag, false, requeue);
            return null;
        });
    }

    @Override
    public WireDelivery get(String queue) throws ProviderException {
        return call("basic.get " + queue, () -> {
            GetResponse r = channel.basicGet(queue, false);
            if (r == null) {
                return null;
            }
            Envelope e = r.getEnvelope();
            return new WireDelivery(e.getDeliveryTag(), e.isRedeliver(), e.getExchange(), e.getRoutingKey(),
                    AmqpProperties.fromBasic(r.getProps(), r.getBody()));
        });
    }

    @Override
    public void startTransactions() throws ProviderException {
        call("tx.select", channel::txSelect);
    }

    @Override
    public void commit() throws ProviderException {
        call("tx.commit", channel::txCommit);
    }

    @Override
    public org.ferrymq.jms.provider.XaReply xa(org.ferrymq.broker.amqp.codec.AmqpTxXa request) throws ProviderException {
        return call("tx.xa", () -> {
            com.rabbitmq.client.Command reply = channel.rpc(new TxXaMethod(request));
            if (!(reply.getMethod() instanceof AMQP.Basic.GetOk ok)) {
                throw new java.io.IOException("tx.xa: unexpected reply " + reply.getMethod().protocolMethodName());
            }
            byte[] body = reply.getContentBody();
            return new org.ferrymq.jms.provider.XaReply(ok.getMessageCount(), body == null ? new byte[0] : body);
        });
    }

    @Override
    public void rollback() throws ProviderException {
        call("tx.rollback", channel::txRollback);
    }

    @Override
    public void onBrokerClose(java.util.function.Consumer<ProviderException> listener) {
        channel.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication() && !cause.isHardError()) {
                listener.accept(AmqpFailures.fromSignal("channel closed by the broker", cause));
            }
        });
    }

    @Override
    public void onLost(Runnable listener) {
        // an automatically recovering channel keeps its shutdown listeners across recoveries
        channel.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                listener.run();
            }
        });
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (Exception ignored) {
            // already closing because of a broker error or a connection failure
        }
    }
}
