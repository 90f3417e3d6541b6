package org.ferrymq.jms.provider.vm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.ferrymq.broker.amqp.codec.AmqpBasicAck;
import org.ferrymq.broker.amqp.codec.AmqpBasicCancel;
import org.ferrymq.broker.amqp.codec.AmqpBasicCancelOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicConsume;
import org.ferrymq.broker.amqp.codec.AmqpBasicConsumeOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicDeliver;
import org.ferrymq.broker.amqp.codec.AmqpBasicGet;
import org.ferrymq.broker.amqp.codec.AmqpBasicGetEmpty;
import org.ferrymq.broker.amqp.codec.AmqpBasicGetOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicNack;
import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.amqp.codec.AmqpBasicPublish;
import org.ferrymq.broker.amqp.codec.AmqpBasicQos;
import org.ferrymq.broker.amqp.codec.AmqpBasicQosOk;
import org.ferrymq.broker.amqp.codec.AmqpBasicReturn;
import org.ferrymq.broker.amqp.codec.AmqpChannelClose;
import org.ferrymq.broker.amqp.codec.AmqpChannelCloseOk;
import org.ferrymq.broker.amqp.codec.AmqpChannelFlow;
import org.ferrymq.broker.amqp.codec.AmqpChannelFlowOk;
import org.ferrymq.broker.amqp.codec.AmqpChannelOpen;
import org.ferrymq.broker.amqp.codec.AmqpChannelOpenOk;
import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpConfirmSelect;
import org.ferrymq.broker.amqp.codec.AmqpConfirmSelectOk;
import org.ferrymq.broker.amqp.codec.AmqpExchangeDeclare;
import org.ferrymq.broker.amqp.codec.AmqpExchangeDeclareOk;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.amqp.codec.AmqpQueueBind;
import org.ferrymq.broker.amqp.codec.AmqpQueueBindOk;
import org.ferrymq.broker.amqp.codec.AmqpQueueUnbind;
import org.ferrymq.broker.amqp.codec.AmqpQueueUnbindOk;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeclare;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeclareOk;
import org.ferrymq.broker.amqp.codec.AmqpQueueDelete;
import org.ferrymq.broker.amqp.codec.AmqpQueueDeleteOk;
import org.ferrymq.broker.amqp.codec.AmqpTxCommit;
import org.ferrymq.broker.amqp.codec.AmqpTxCommitOk;
import org.ferrymq.broker.amqp.codec.AmqpTxRollback;
import org.ferrymq.broker.amqp.codec.AmqpTxRollbackOk;
import org.ferrymq.broker.amqp.codec.AmqpTxSelect;
import org.ferrymq.broker.amqp.codec.AmqpTxSelectOk;
import org.ferrymq.jms.provider.BrowseSnapshot;
import org.ferrymq.jms.provider.DeliveryListener;
import org.ferrymq.jms.provider.MandatoryPublishes;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.QueueSpec;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.provider.WireMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP channel of an in-process connection, spoken as command objects.
 *
 * <p>Threading: the {@link ProviderChannel} methods are called by application threads;
 * synchronous methods take turns in {@link VmRpc}, publishes take the publish lock so a confirm
 * sequence number always belongs to the publish written right after it. {@link #onCommand}
 * runs on the connection's event loop and never blocks: deliveries go straight to their
 * {@link DeliveryListener} (which only buffers them), cancel and close notifications to this
 * channel's {@link SerialExecutor} (they may do more), publisher confirms are settled on the
 * event loop itself.
 */
final class VmProviderChannel implements ProviderChannel {
    /** Told when the broker closes this channel (not on close() or a connection failure). */
    private volatile java.util.function.Consumer<ProviderException> brokerCloseListener;
    private final java.util.List<Runnable> lostListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Logger LOG = LoggerFactory.getLogger(VmProviderChannel.class);
    private static final int REPLY_SUCCESS = 200;

    private final VmProvider connection;
    private final int number;
    private final VmRpc rpc;
    private final SerialExecutor deliveries;
    private final Map<String, DeliveryListener> consumers = new ConcurrentHashMap<>();
    private final AtomicLong consumerTags = new AtomicLong();
    private final AtomicReference<ProviderException> closed = new AtomicReference<>();
    private final Object publishLock = new Object();
    private final PublishGate publishGate = new PublishGate();
    private final MandatoryPublishes mandatoryPublishes = new MandatoryPublishes();
    private final Object consumeLock = new Object();
    private volatile VmConfirms confirms;

    VmProviderChannel(VmProvider connection, int number) {
        this.connection = connection;
        this.number = number;
        this.rpc = new VmRpc(number, connection::write, connection.rpcTimeout());
        this.deliveries = new SerialExecutor(VmThreads.dispatchPool(), connection.description() + " channel " + number);
    }

    int number() {
        return number;
    }

    /** channel.open, then confirm.select for a confirming channel. */
    void open(boolean confirm) throws ProviderException {
        try {
            call("channel.open", new AmqpChannelOpen(""), AmqpChannelOpenOk.class);
            if (confirm) {
                confirms = new VmConfirms();
                call("confirm.select", new AmqpConfirmSelect(false), AmqpConfirmSelectOk.class);
            }
        } catch (ProviderException e) {
            close();
            throw e;
        }
    }

    private <T extends AmqpMethod> AmqpCommand call(String doing, AmqpMethod method, Class<T> expected) throws ProviderException {
        AmqpCommand reply;
        try {
            reply = rpc.call(doing, method);
        } catch (ProviderException e) {
            if (rpc.timedOut()) {
                abandon(e);
            }
            throw e;
        }
        if (!expected.isInstance(reply.method())) {
            throw new ProviderException(doing + ": unexpected reply " + reply.method().amqpName(), null);
        }
        return reply;
    }

    private void checkOpen(String doing) throws ProviderException {
        ProviderException cause = closed.get();
        if (cause != null) {
            throw VmFailures.during(doing, cause);
        }
    }

    @Override
    public String declareQueue(QueueSpec spec) throws ProviderException {
        AmqpCommand reply = call("queue.declare " + spec.name(), new AmqpQueueDeclare(spec.name(), false, spec.durable(),
                spec.exclusive(), spec.autoDelete(), false, new HashMap<>(spec.arguments())), AmqpQueueDeclareOk.class);
        return ((AmqpQueueDeclareOk) reply.method()).queue();
    }

    /** queue.declare passive: 404 closes the channel, as for any AMQP client. */
    AmqpQueueDeclareOk declarePassive(String queue) throws ProviderException {
        return (AmqpQueueDeclareOk) call("queue.declare passive " + queue, new AmqpQueueDeclare(queue, true, false, false, false, false, Map.of()),
                AmqpQueueDeclareOk.class).method();
    }

    void declareExchangePassive(String exchange) throws ProviderException {
        call("exchange.declare passive " + exchange, new AmqpExchangeDeclare(exchange, "",
                true, false, false, false, false, Map.of()), AmqpExchangeDeclareOk.class);
    }

    @Override
    public void bindQueue(String queue, String exchange, String routingKey, Map<String, Object> arguments)
            throws ProviderException {
        call("queue.bind " + queue + " to " + exchange, new AmqpQueueBind(queue, exchange, routingKey, false, arguments),
                AmqpQueueBindOk.class);
    }

    @Override
    public void unbindQueue(String queue, String exchange, String routingKey, Map<String, Object> arguments)
            throws ProviderException {
        call("queue.unbind " + queue + " from " + exchange, new AmqpQueueUnbind(queue, exchange, routingKey, arguments),
                AmqpQueueUnbindOk.class);
    }

    @Override
    public void deleteQueue(String queue, boolean ifUnused) throws ProviderException {
        call("queue.delete " + queue, new AmqpQueueDelete(queue, ifUnused, false, false), AmqpQueueDeleteOk.class);
    }

    @Override
    public CompletableFuture<Void> publish(String exchange, String routingKey, WireMessage message, boolean mandatory)
            throws ProviderException {
        String doing = "basic.publish to " + (exchange.isEmpty() ? "queue " + routingKey : exchange);
        AmqpBasicProperties properties = VmMessages.toProperties(message);
        byte[] raw;
        try {
            raw = properties.encode();   // the broker stores these bytes and sends them to socket clients
        } catch (RuntimeException e) {
            throw new ProviderException(doing + ": cannot encode the message's properties: " + e.getMessage(), e);
        }
        AmqpCommand command = new AmqpCommand(number, new AmqpBasicPublish(exchange, routingKey, mandatory, false),
                properties, raw, message.body());
        try {
            publishGate.awaitOpen(() -> closed.get() == null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(doing + ": interrupted while the broker held publishes (flow control)", e);
        }
        synchronized (publishLock) {
            checkOpen(doing);
            if (confirms == null) {
                connection.write(command);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> confirmed = confirms.register(connection.rpcTimeout());
            CompletableFuture<Void> done = mandatory ? mandatoryPublishes.track(message.messageId(), doing, confirmed)
                    : confirmed;
            connection.write(command);
            return done;
        }
    }

    @Override
    public String consume(String queue, int prefetch, boolean exclusive, DeliveryListener listener) throws ProviderException {
        return consume(queue, prefetch, exclusive, null, listener);
    }

    /** basic.qos + basic.consume; a selector goes to the broker as the {@code x-selector} argument. */
    @Override
    public String consume(String queue, int prefetch, boolean exclusive, String selector, DeliveryListener listener)
            throws ProviderException {
        Map<String, Object> arguments = selector == null || selector.isBlank() ? Map.of() : Map.of("x-selector", selector);
        // our own tag, registered before basic.consume: deliveries may follow consume-ok in the same batch
        String tag = "vm-" + number + "-" + consumerTags.incrementAndGet();
        synchronized (consumeLock) {
            call("basic.qos", new AmqpBasicQos(0, prefetch, false), AmqpBasicQosOk.class);
            consumers.put(tag, listener);
            try {
                call("basic.consume " + queue, new AmqpBasicConsume(queue, tag, false, false, exclusive, false, arguments),
                        AmqpBasicConsumeOk.class);
            } catch (ProviderException e) {
                consumers.remove(tag);
                throw e;
            }
        }
        return tag;
    }

    /** FerryMQ's browse: a no-ack basic.consume with x-browse, ended by the broker's basic.cancel. */
    @Override
    public List<WireDelivery> browse(String queue, String selector, int limit) throws ProviderException {
        String tag = "vm-" + number + "-browse-" + consumerTags.incrementAndGet();
        BrowseSnapshot snapshot = new BrowseSnapshot();
        consumers.put(tag, snapshot);
        try {
            call("basic.consume " + queue + " (browse)", new AmqpBasicConsume(queue, tag, false, true, false, false,
                    BrowseSnapshot.arguments(selector, limit)), AmqpBasicConsumeOk.class);
            return snapshot.await(queue, connection.rpcTimeout());
        } finally {
            consumers.remove(tag);
        }
    }

    @Override
    public boolean filtersOnBroker() {
        return true;
    }

    @Override
    public void cancel(String consumerTag) throws ProviderException {
        if (!consumers.containsKey(consumerTag)) {
            return;   // the broker cancelled it already
        }
        call("basic.cancel", new AmqpBasicCancel(consumerTag, false), AmqpBasicCancelOk.class);
        consumers.remove(consumerTag);
    }

    @Override
    public void ack(long deliveryTag) throws ProviderException {
        checkOpen("basic.ack");
        connection.write(AmqpCommand.of(number, new AmqpBasicAck(deliveryTag, false)));
    }

    @Override
    public void nack(long deliveryTag, boolean requeue) throws ProviderException {
        checkOpen("basic.nack");
        connection.write(AmqpCommand.of(number, new AmqpBasicNack(deliveryTag, false, requeue)));
    }

    @Override
    public WireDelivery get(String queue) throws ProviderException {
        AmqpCommand reply = call("basic.get " + queue, new AmqpBasicGet(queue, false), AmqpMethod.class);
        if (reply.method() instanceof AmqpBasicGetOk ok) {
            return new WireDelivery(ok.deliveryTag(), ok.redelivered(), ok.exchange(), ok.routingKey(), VmMessages.fromCommand(reply));
        }
        if (reply.method() instanceof AmqpBasicGetEmpty) {
            return null;
        }
        throw new ProviderException("basic.get " + queue + ": unexpected reply " + reply.method().amqpName(), null);
    }

    @Override
    public void startTransactions() throws ProviderException {
        call("tx.select", new AmqpTxSelect(), AmqpTxSelectOk.class);
    }

    @Override
    public void commit() throws ProviderException {
        call("tx.commit", new AmqpTxCommit(), AmqpTxCommitOk.class);
    }

    @Override
    public org.ferrymq.jms.provider.XaReply xa(org.ferrymq.broker.amqp.codec.AmqpTxXa request) throws ProviderException {
        checkOpen("tx.xa");
        AmqpCommand reply = call("tx.xa", request, org.ferrymq.broker.amqp.codec.AmqpBasicGetOk.class);
        org.ferrymq.broker.amqp.codec.AmqpBasicGetOk ok = (org.ferrymq.broker.amqp.codec.AmqpBasicGetOk) reply.method();
        return new org.ferrymq.jms.provider.XaReply((int) ok.messageCount(), reply.body() == null ? new byte[0] : reply.body());
    }

    @Override
    public void rollback() throws ProviderException {
        call("tx.rollback", new AmqpTxRollback(), AmqpTxRollbackOk.class);
    }

    @Override
    public boolean isOpen() {
        return closed.get() == null;
    }

    /** channel.close, waiting for close-ok; the broker requeues this channel's unacknowledged deliveries. */
    @Override
    public void close() {
        if (!isOpen()) {
            return;
        }
        try {
            call("channel.close", new AmqpChannelClose(REPLY_SUCCESS, "Goodbye", 0, 0), AmqpChannelCloseOk.class);
        } catch (ProviderException e) {
            LOG.debug("closing channel {} of {}: {}", number, connection.description(), e.getMessage());
        }
        closed(new ProviderException("channel closed", null));
    }

    /** After a lost reply: send channel.close without waiting; its close-ok frees the number. */
    private void abandon(ProviderException cause) {
        if (closed.compareAndSet(null, cause)) {
            confirms();
            connection.write(AmqpCommand.of(number, new AmqpChannelClose(REPLY_SUCCESS, "request timed out", 0, 0)));
        }
    }

    private void confirms() {
        VmConfirms c = confirms;
        if (c != null) {
            c.failAll(closed.get());
        }
    }

    /** The channel is closed (by us, the broker or the connection): every later call fails with {@code cause}. */
    @Override
    public void onBrokerClose(java.util.function.Consumer<ProviderException> listener) {
        brokerCloseListener = listener;
    }

    @Override
    public void onLost(Runnable listener) {
        lostListeners.add(listener);
    }

    /** The broker closed the channel or the connection failed: tells the {@link #onLost} listeners once. */
    void lost(ProviderException cause) {
        boolean first = closed.get() == null;
        closed(cause);
        if (first) {
            lostListeners.forEach(Runnable::run);
        }
    }

    void closed(ProviderException cause) {
        closed.compareAndSet(null, cause);
        publishGate.open();
        ProviderException actual = closed.get();
        rpc.fail(actual);
        confirms();
        consumers.clear();
        connection.release(this);
    }

    // ---- from the broker, on the event loop ----

    void onCommand(AmqpCommand command) {
        AmqpMethod method = command.method();
        if (method instanceof AmqpBasicDeliver deliver) {
            onDeliver(deliver, command);
        } else if (method instanceof AmqpBasicAck ack) {
            if (confirms != null) {
                confirms.ack(ack.deliveryTag(), ack.multiple());
            }
        } else if (method instanceof AmqpBasicNack nack) {
            if (confirms != null) {
                confirms.nack(nack.deliveryTag(), nack.multiple());
            }
        } else if (method instanceof AmqpBasicCancel cancel) {
            DeliveryListener listener = consumers.remove(cancel.consumerTag());
            if (listener != null) {
                deliveries.execute(listener::onCancelled);
            }
        } else if (method instanceof AmqpChannelClose close) {
            connection.write(AmqpCommand.of(number, new AmqpChannelCloseOk()));
            LOG.debug("broker closed channel {} of {}: {} {}", number, connection.description(), close.replyCode(), close.replyText());
            ProviderException failure = VmFailures.channelClosed(close);
            lost(failure);
            java.util.function.Consumer<ProviderException> listener = brokerCloseListener;
            if (listener != null) {
                deliveries.execute(() -> listener.accept(failure));
            }
        } else if (method instanceof AmqpChannelCloseOk) {
            rpc.complete(command);
            closed(new ProviderException("channel closed", null));
        } else if (method instanceof AmqpChannelFlow flow) {
            if (flow.active()) {
                publishGate.open();
            } else {
                publishGate.hold();
            }
            connection.write(AmqpCommand.of(number, new AmqpChannelFlowOk(flow.active())));
        } else if (method instanceof AmqpBasicReturn returned) {
            // settled here, on the event loop, before the basic.ack that follows it for the same message
            String messageId = VmMessages.messageId(command);
            if (!mandatoryPublishes.returned(messageId, returned.replyCode(), returned.replyText())) {
                LOG.debug("message returned on channel {}: {} {}", number, returned.replyCode(), returned.replyText());
            }
        } else if (!rpc.complete(command)) {
            LOG.warn("unexpected {} on channel {} of {}", method.amqpName(), number, connection.description());
        }
    }

    private void onDeliver(AmqpBasicDeliver deliver, AmqpCommand command) {
        DeliveryListener listener = consumers.get(deliver.consumerTag());
        if (listener == null) {
            // cancelled meanwhile: give it back rather than leave it unacked until the channel closes
            connection.write(AmqpCommand.of(number, new AmqpBasicNack(deliver.deliveryTag(), false, true)));
            return;
        }
        // straight to the consumer, which only buffers it (DeliveryListener must not block): one thread hand-off fewer
        listener.onDelivery(new WireDelivery(deliver.deliveryTag(), deliver.redelivered(),
                deliver.exchange(), deliver.routingKey(), VmMessages.fromCommand(command)));
    }
}
