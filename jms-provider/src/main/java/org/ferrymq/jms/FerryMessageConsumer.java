package org.ferrymq.jms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.message.FerryMessage;
import org.ferrymq.jms.message.WireMapping;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.selector.MessageSelector;
import org.ferrymq.jms.selector.Selectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One basic.consume on the session's channel. Deliveries land in a local buffer (at most
 * the prefetch count of them); receive() takes from it, or the session's dispatch thread hands
 * them to the MessageListener. Expired messages, messages the selector rejects (only on a
 * subscription's own queue bound without it, i.e. on plain RabbitMQ) and, with noLocal, this connection's own messages are discarded.
 *
 * <p>When it has a basic.consume is {@link ConsumerSubscription}'s business: a consumer whose
 * queue others compete for only while its connection is started ({@code stop()} cancels it and
 * the consumer gives back what it had buffered); if the broker cancels it, receive() fails with
 * the reason until it is subscribed again.
 *
 * <p>Threading: deliveries arrive on a transport thread; receive() on the application's thread.
 */
public class FerryMessageConsumer implements MessageConsumer, QueueReceiver, TopicSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(FerryMessageConsumer.class);
    private static final long POLL_SLICE_MS = 100;

    private final FerrySession session;
    private final FerryDestination destination;
    private final Subscriptions.Source source;
    private final String selectorText;
    private final MessageSelector selector;
    private final boolean noLocal;
    private final LinkedBlockingQueue<Buffered> buffer = new LinkedBlockingQueue<>();
    private volatile MessageListener listener;
    private volatile boolean closed;
    private final ConsumerSubscription subscription;

    FerryMessageConsumer(FerrySession session, FerryDestination destination, Subscriptions.Source source,
                         String selector, MessageSelector compiled, boolean noLocal) {
        this.session = session;
        this.destination = destination;
        this.source = source;
        this.selectorText = Selectors.isBlank(selector) ? null : selector;
        this.selector = compiled;
        this.noLocal = noLocal;
        this.subscription = new ConsumerSubscription(this, session, destination, source, this.selectorText);
    }

    /**
     * Compiles a selector for a consumer, after checking it can be honoured: on a JMS Queue only
     * a transport whose broker filters can (filtering on the client would take other consumers' messages).
     * It is compiled here even when the broker evaluates it: a selector the broker refuses (406)
     * would close the session's channel and with it the session's other consumers.
     */
    static MessageSelector selectorFor(FerrySession session, boolean queueSource, String selector) throws JMSException {
        MessageSelector compiled = Selectors.compile(selector);   // InvalidSelectorException before the broker sees it
        if (!Selectors.isBlank(selector) && queueSource) {
            boolean brokerFilters;
            try {
                brokerFilters = session.channel().filtersOnBroker();
            } catch (ProviderException e) {
                throw JmsExceptions.from(e);
            }
            if (!brokerFilters) {
                throw new JMSException("a message selector on a JMS Queue is not supported over AMQP 0-9-1: "
                        + "the broker cannot filter a shared queue, and filtering on the client would take other "
                        + "consumers' messages. Use a topic subscription (filtered on its own queue) instead.",
                        "SELECTOR_ON_QUEUE_UNSUPPORTED");
            }
            return MessageSelector.ALL;   // the broker filters
        }
        return compiled;
    }

    /** At creation: subscribes now, or at start() for a competing consumer of a stopped connection. */
    void start() throws JMSException {
        subscription.start();
    }

    /** Connection started: a competing consumer subscribes (again); buffered deliveries go to the listener. */
    void resume() throws JMSException {
        subscription.resume();
        dispatchIfListening();
    }

    /** Connection stopping: a competing consumer cancels its basic.consume (see {@link ConsumerSubscription#pause()}). */
    void pause() {
        subscription.pause();
    }

    /** After {@link #pause()}, with no listener running: the buffered deliveries go back to the queue for other consumers. */
    void giveBackBuffered() {
        if (!subscription.paused()) {
            return;
        }
        List<Long> left = drainBuffered();
        if (left.isEmpty() || session.isClosed()) {
            return;
        }
        if (isTransacted()) {
            session.orphaned(left);   // nacks are transactional: they go back when the transaction ends
        } else {
            for (Long tag : left) {
                requeueLate(tag);
            }
        }
    }

    FerryDestination destination() {
        return destination;
    }

    // ---- transport side (called by ConsumerSubscription) ----

    boolean isClosed() {
        return closed;
    }

    /** A delivery, and the session's channel epoch ({@link FerrySession#channelEpoch()}) it arrived in. */
    private record Buffered(WireDelivery delivery, int channelEpoch) {
    }

    /** A delivery of the current subscription: buffered for receive() or the listener. Must not block. */
    void buffered(WireDelivery delivery) {
        buffer.add(new Buffered(delivery, session.channelEpoch()));
        if (listener != null) {
            session.scheduleDispatch(this);
        }
    }

    /** A delivery nobody will take (late for an ended subscription): given back from the dispatch thread. */
    void giveBackLate(long deliveryTag) {
        // not on the transport thread: giving it back may wait for the session's monitor
        session.threads().dispatch(() -> requeueLate(deliveryTag));
    }

    /** On the dispatch thread, after the broker cancelled the subscription: what was buffered for it goes back. */
    void giveBackAfterCancel() {
        for (Long tag : drainBuffered()) {
            requeueLate(tag);
        }
    }

    void dispatchIfListening() {
        if (listener != null && session.connection().isStarted()) {
            session.scheduleDispatch(this);
        }
    }

    void requeueLate(long tag) {
        if (session.isClosed()) {
            return;   // the channel is closing: the broker requeues it
        }
        if (isTransacted()) {
            session.orphaned(List.of(tag));
            return;
        }
        try {
            session.channel().nack(tag, true);
        } catch (ProviderException e) {
            LOG.debug("requeueing a late delivery: {}", e.toString());
        }
    }

    /** Takes the deliveries not yet handed to the application, for recover/rollback. */
    List<Long> drainBuffered() {
        List<Buffered> drained = new ArrayList<>();
        buffer.drainTo(drained);
        List<Long> tags = new ArrayList<>();
        for (Buffered b : drained) {
            if (!stale(b)) {
                tags.add(b.delivery().deliveryTag());
            }
        }
        return tags;
    }

    /**
     * True for a delivery that arrived on a channel the session has lost since (closed by the
     * broker, or gone with its connection even if automatic recovery brought the channel back).
     * The broker requeued it when that channel went, so another consumer may have it already, and
     * its delivery tag names nothing, or another message, on the session's channel now: it is
     * dropped, never handed out or settled.
     */
    private boolean stale(Buffered b) {
        if (b.channelEpoch() == session.channelEpoch()) {
            return false;
        }
        LOG.debug("dropping delivery {} on {}: its channel was lost, and the broker requeued it", b.delivery().deliveryTag(), destination);
        return true;
    }

    /** The next buffered delivery of the session's current channel, or null; drops stale ones. */
    private WireDelivery pollCurrent() {
        Buffered b;
        while ((b = buffer.poll()) != null) {
            if (!stale(b)) {
                return b.delivery();
            }
        }
        return null;
    }

    // ---- synchronous receive ----

    @Override
    public Message receive() throws JMSException {
        return receive(0);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        Taken t = take(timeout <= 0 ? Long.MAX_VALUE : timeout);
        if (t == null) {
            return null;
        }
        session.acks().consumed(t.tag());
        return t.message();
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        Taken t = take(-1);
        if (t == null) {
            return null;
        }
        session.acks().consumed(t.tag());
        return t.message();
    }

    /**
     * JMSConsumer.receiveBody: a body of the wrong type is a MessageFormatException, and the
     * message then counts as not delivered in AUTO/DUPS_OK (requeued, so it comes again) but as
     * delivered in CLIENT/TRANSACTED, as the spec says.
     *
     * @param timeout ms; 0 waits for ever, negative does not wait
     */
    public <T> T receiveBody(Class<T> type, long timeout) throws JMSException {
        Taken t = take(timeout == 0 ? Long.MAX_VALUE : timeout);
        if (t == null) {
            return null;
        }
        if (!t.message().isBodyAssignableTo(type)) {
            if (session.acks().acksImmediately()) {
                session.acks().listenerFailed(t.tag());
            } else {
                session.acks().consumed(t.tag());
            }
            throw new jakarta.jms.MessageFormatException("the message body cannot be read as " + type.getName());
        }
        session.acks().consumed(t.tag());
        return t.message().getBody(type);
    }

    private record Taken(FerryMessage message, long tag) {
    }

    /** The next acceptable delivery, not yet acknowledged; waits up to timeoutMs (negative: no wait). */
    private Taken take(long timeoutMs) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener");
        }
        if (timeoutMs < 0) {
            if (!session.connection().isStarted()) {
                return null;
            }
            WireDelivery d;
            while ((d = pollCurrent()) != null) {
                FerryMessage m = accept(d);
                if (m != null) {
                    return new Taken(m, d.deliveryTag());
                }
            }
            checkNotCancelled();
            return null;
        }
        long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            while (!closed && !session.isClosed()) {
                if (!session.connection().isStarted()) {
                    session.connection().awaitStarted(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLL_SLICE_MS)));
                    if (System.nanoTime() >= deadline) {
                        return null;
                    }
                    continue;
                }
                long leftMs = deadline == Long.MAX_VALUE ? POLL_SLICE_MS : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMs <= 0) {
                    return null;
                }
                if (buffer.isEmpty()) {
                    checkNotCancelled();
                }
                Buffered b = buffer.poll(Math.min(leftMs, POLL_SLICE_MS), TimeUnit.MILLISECONDS);
                WireDelivery d = b == null || stale(b) ? null : b.delivery();
                if (d != null) {
                    FerryMessage m = accept(d);
                    if (m != null) {
                        return new Taken(m, d.deliveryTag());
                    }
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** receive() on a consumer the broker cancelled fails (a fresh exception, so its stack trace is the caller's). */
    private void checkNotCancelled() throws JMSException {
        JMSException why = subscription.cancelled();
        if (why != null) {
            throw new JMSException(why.getMessage(), why.getErrorCode());
        }
    }

    /**
     * What noLocal skips. On a durable subscription: messages published by any connection with this
     * connection's client ID (they carry it in a header), since the subscription outlives connections.
     * On a non-durable one: this connection's messages, which carry our message-ID prefix, or (IDs
     * disabled) our ID in the origin header.
     */
    private boolean isLocal(FerryMessage m, WireDelivery d) {
        FerryConnection connection = session.connection();
        String clientId = connection.clientIdOrNull();
        if (source.exclusive() && clientId != null
                && clientId.equals(String.valueOf(d.message().headers().get(WireMapping.CLIENT_ID_HEADER)))) {
            return true;
        }
        String id = m.getJMSMessageID();
        return id != null ? id.startsWith(connection.messageIdPrefix())
                : connection.connectionId().equals(d.message().headers().get(WireMapping.ORIGIN_HEADER));
    }

    /** The message to hand to the application, or null if this delivery was discarded. */
    private FerryMessage accept(WireDelivery d) throws JMSException {
        FerryMessage m = WireMapping.fromWire(d);
        long expiration = m.getJMSExpiration();
        boolean expired = expiration != 0 && expiration < System.currentTimeMillis();
        boolean local = noLocal && isLocal(m, d);
        if (expired || local || (source.clientSelects() && !selector.matches(m))) {
            session.acks().discard(d.deliveryTag());
            return null;
        }
        m.markReceived(session.getAcknowledgeMode() == Session.CLIENT_ACKNOWLEDGE ? session::acknowledge : null);
        return m;
    }

    // ---- listener ----

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener messageListener) throws JMSException {
        checkOpen();
        if (messageListener != null) {
            checkNotCancelled();
        }
        this.listener = messageListener;
        if (messageListener != null && session.connection().isStarted()) {
            session.scheduleDispatch(this);
        }
    }

    boolean hasListener() {
        return listener != null;
    }

    /** On the session's dispatch thread: feeds buffered deliveries to the listener while started. */
    void dispatchBuffered() {
        while (!closed && !session.isClosed() && session.connection().isStarted()) {
            MessageListener l = listener;
            if (l == null) {
                return;
            }
            WireDelivery d = pollCurrent();
            if (d == null) {
                return;
            }
            deliver(l, d);
        }
    }

    private void deliver(MessageListener l, WireDelivery d) {
        try {
            FerryMessage m = accept(d);
            if (m == null) {
                return;
            }
            SessionAcks acks = session.acks();
            if (acks.acksImmediately()) {
                acks.inListener(d.deliveryTag());   // Session.recover() in onMessage gives it back
            } else {
                acks.consumed(d.deliveryTag());
            }
            try {
                l.onMessage(m);
            } catch (RuntimeException e) {
                LOG.warn("MessageListener on {} threw; the message will be redelivered", destination, e);
                acks.listenerReturned(d.deliveryTag(), false);
                return;
            }
            acks.listenerReturned(d.deliveryTag(), true);
        } catch (JMSException e) {
            LOG.warn("delivering to the MessageListener on {} failed: {}", destination, e.toString());
        }
    }

    // ---- lifecycle ----

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selectorText;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        if (!(destination instanceof Queue q)) {
            throw new IllegalStateException("this consumer reads a topic");
        }
        return q;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        if (!(destination instanceof Topic t)) {
            throw new IllegalStateException("this consumer reads a queue");
        }
        return t;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    /** Cancels the consumer, waits for a running listener (unless called from it), requeues the buffer. */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        subscription.close();
        session.awaitListenersIdle();
        List<Long> left = drainBuffered();
        if (!left.isEmpty() && !session.isClosed()) {
            if (isTransacted()) {
                session.orphaned(left);
            } else {
                for (Long tag : left) {
                    requeueLate(tag);
                }
            }
        }
        session.removed(this);
    }

    private boolean isTransacted() {
        try {
            return session.getTransacted();
        } catch (JMSException e) {
            return false;
        }
    }

    private void checkOpen() throws IllegalStateException {
        if (closed || session.isClosed()) {
            throw new IllegalStateException("the consumer is closed");
        }
    }
}
