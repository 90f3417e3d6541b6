package org.ferrymq.jms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;

import org.ferrymq.jms.destination.Destinations;
import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.destination.FerryQueue;
import org.ferrymq.jms.destination.FerryTopic;
import org.ferrymq.jms.message.FerryBytesMessage;
import org.ferrymq.jms.message.FerryMapMessage;
import org.ferrymq.jms.message.FerryMessage;
import org.ferrymq.jms.message.FerryObjectMessage;
import org.ferrymq.jms.message.FerryStreamMessage;
import org.ferrymq.jms.message.FerryTextMessage;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.selector.MessageSelector;

/**
 * A JMS session on one AMQP channel (so its acks and its transaction cover its own deliveries
 * and publishes). Message listeners of the session run one at a time on the session's
 * dispatch thread; CompletionListeners on its completion thread.
 *
 * <p>Threading: as JMS says, one application thread at a time; close() may come from any thread.
 */
public class FerrySession implements Session, QueueSession, TopicSession {
    private static final AtomicInteger SESSION_NUMBERS = new AtomicInteger();

    /**
     * Which interface the application asked for. A QueueSession refuses the topic-only methods
     * of Session and a TopicSession the queue-only ones (spec 2.9 and the Session Javadoc:
     * IllegalStateException "if this method has been called on a QueueSession / TopicSession").
     */
    enum Domain { ANY, QUEUE, TOPIC }

    private final FerryConnection connection;
    private final int mode;
    private final Domain domain;
    private final int number = SESSION_NUMBERS.incrementAndGet();
    private final SessionAcks acks;
    private final MessageSender sender;
    private final Subscriptions subscriptions;
    private final List<FerryMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<FerryMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<Long> orphans = new ArrayList<>();
    /** Written under this session's monitor; volatile for {@link #channelLost}, which must not take it. */
    private volatile ProviderChannel channel;
    /** How many broker-side channels this session has lost so far (see {@link #channelEpoch()}). */
    private final java.util.concurrent.atomic.AtomicInteger channelEpoch = new java.util.concurrent.atomic.AtomicInteger();
    private final SessionThreads threads;
    private volatile boolean closed;
    /** Set when the broker closed the channel of an open transaction: its work is gone, so commit must fail. */
    private volatile ProviderException transactionLost;
    private MessageListener sessionListener;

    FerrySession(FerryConnection connection, int mode, Domain domain) throws JMSException {
        this.connection = connection;
        this.mode = mode;
        this.domain = domain;
        this.acks = new SessionAcks(this, mode);
        this.sender = new MessageSender(this);
        this.subscriptions = new Subscriptions(connection);
        this.threads = new SessionThreads(number);
        try {
            channel();
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }

    FerryConnection connection() {
        return connection;
    }

    /** Waits until every asynchronous send of this session has been handed to the broker. */
    void awaitSends() throws JMSException {
        sender.awaitPending();
    }

    SessionAcks acks() {
        return acks;
    }

    /**
     * The session's channel, reopened if a broker error closed it (the broker has then already
     * requeued whatever that channel had not acknowledged).
     */
    ProviderChannel channel() throws ProviderException {
        ProviderChannel current;
        boolean reopened = false;
        synchronized (this) {
            if (channel == null || !channel.isOpen()) {
                boolean transacted = mode == SESSION_TRANSACTED;
                ProviderChannel opened = connection.provider().openChannel(!transacted);
                opened.onBrokerClose(failure -> channelClosedByBroker(opened, failure));
                opened.onLost(() -> channelLost(opened));
                if (channel != null) {
                    channelEpoch.incrementAndGet();   // the old one may have closed without telling (a close by the broker we did not see yet)
                }
                channel = opened;
                if (transacted) {
                    channel.startTransactions();
                }
                reopened = true;
            }
            current = channel;
        }
        if (reopened) {
            acks.forgetAll();   // outside this monitor: SessionAcks calls channel() holding its own
        }
        return current;
    }

    /**
     * Changes each time the broker-side channel behind this session is lost (closed by the broker,
     * or gone with its connection, even when automatic recovery brings the channel object back):
     * an XA branch started under one epoch is gone in the next.
     */
    int channelEpoch() {
        return channelEpoch.get();
    }

    /** On the transport's thread, which may be the one a caller holding this session's monitor waits for: no lock. */
    private void channelLost(ProviderChannel lost) {
        if (lost == channel) {   // a late notice for a channel already replaced changes nothing
            channelEpoch.incrementAndGet();
        }
    }

    /**
     * The broker closed this session's channel: its consumers are gone with it, so the
     * application hears about it through the ExceptionListener; the next call reopens a channel.
     */
    private void channelClosedByBroker(ProviderChannel closedChannel, ProviderException failure) {
        synchronized (this) {
            if (mode == SESSION_TRANSACTED && closedChannel == channel) {   // a late notice for an old channel is no news
                transactionLost = failure;
            }
        }
        if (!closed && !consumers.isEmpty()) {
            connection.report(JmsExceptions.from(failure));
        }
    }

    // ---- messages ----

    @Override public BytesMessage createBytesMessage() throws JMSException { checkOpen(); return new FerryBytesMessage(); }
    @Override public MapMessage createMapMessage() throws JMSException { checkOpen(); return new FerryMapMessage(); }
    @Override public Message createMessage() throws JMSException { checkOpen(); return new FerryMessage(); }
    @Override public ObjectMessage createObjectMessage() throws JMSException { checkOpen(); return new FerryObjectMessage(); }
    @Override public StreamMessage createStreamMessage() throws JMSException { checkOpen(); return new FerryStreamMessage(); }
    @Override public TextMessage createTextMessage() throws JMSException { checkOpen(); return new FerryTextMessage(); }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        ObjectMessage m = createObjectMessage();
        m.setObject(object);
        return m;
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        TextMessage m = createTextMessage();
        m.setText(text);
        return m;
    }

    // ---- transactions and acknowledgement ----

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return mode == SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("commit() on a session that is not transacted");
        }
        sender.awaitPending();
        ProviderException lost = lostTransaction();
        if (lost != null) {
            // the sends and acks of this transaction died with the old channel: committing on the
            // reopened one would report success for work the broker never got
            requeueEverything(true);
            startOver();
            TransactionRolledBackException rolledBack = new TransactionRolledBackException(
                    "the broker closed the session's channel during the transaction, which is rolled back: " + lost.getMessage());
            rolledBack.setLinkedException(lost);
            throw rolledBack;
        }
        List<Long> pendingOrphans = takeOrphans();
        acks.commit(pendingOrphans);
    }

    /**
     * Why this session's open transaction is lost, or null. The broker's close notice may come
     * after the channel already reads as closed, so a closed current channel counts too: a
     * commit on a reopened channel would report success for work the broker never got.
     */
    private synchronized ProviderException lostTransaction() {
        if (transactionLost == null && channel != null && !channel.isOpen()) {
            transactionLost = new ProviderException("the session's channel was closed", null);
        }
        return transactionLost;
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (mode != SESSION_TRANSACTED) {
            throw new IllegalStateException("rollback() on a session that is not transacted");
        }
        sender.awaitPending();
        requeueEverything(true);
        startOver();
    }

    /** The next transaction starts on an open channel, with nothing lost. */
    private void startOver() throws JMSException {
        try {
            channel();
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
        synchronized (this) {
            transactionLost = null;
        }
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (mode == SESSION_TRANSACTED) {
            throw new IllegalStateException("recover() on a transacted session; use rollback()");
        }
        requeueEverything(false);
    }

    private void requeueEverything(boolean transacted) throws JMSException {
        List<Long> prefetched = takeOrphans();
        for (FerryMessageConsumer c : consumers) {
            prefetched.addAll(c.drainBuffered());
        }
        acks.requeue(prefetched, transacted);
    }

    /** CLIENT_ACKNOWLEDGE: what Message.acknowledge() and JMSContext.acknowledge() call. */
    public void acknowledgeAll() throws JMSException {
        acknowledge();
    }

    void acknowledge() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session that received this message is closed");
        }
        acks.acknowledgeConsumed();
    }

    /** Buffered deliveries of a consumer closed inside a transaction: requeued when it ends. */
    synchronized void orphaned(List<Long> tags) {
        orphans.addAll(tags);
    }

    private synchronized List<Long> takeOrphans() {
        List<Long> taken = new ArrayList<>(orphans);
        orphans.clear();
        return taken;
    }

    // ---- producers and consumers ----

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        FerryDestination d = destination == null ? null : ferry(destination);
        if (d != null) {
            connection.checkNotDeleted(d);
        }
        if (d != null && d.isQueue()) {
            connection.topology().ensureQueue(d.routingKey());
        } else if (d != null) {
            connection.topology().checkExchange(d.exchange());
        }
        FerryMessageProducer p = new FerryMessageProducer(this, d);
        producers.add(p);
        return p;
    }

    void send(FerryMessageProducer producer, Destination destination, Message message, SendParameters parameters,
              jakarta.jms.CompletionListener listener) throws JMSException {
        checkOpen();
        sender.send(producer, destination, message, parameters, listener);
    }

    /** MessageProducer.close(): returns once the CompletionListeners of the producer's asynchronous sends have. */
    void awaitPendingSends(FerryMessageProducer producer) {
        sender.awaitPending(producer);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return createConsumer(destination, selector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal) throws JMSException {
        checkOpen();
        FerryDestination d = ferry(destination);
        connection.checkNotDeleted(d);
        if (d instanceof jakarta.jms.TemporaryQueue || d instanceof jakarta.jms.TemporaryTopic) {
            if (!connection.owns(d)) {
                throw new IllegalStateException("only the connection that created " + d + " may consume from it");
            }
        }
        MessageSelector compiled = FerryMessageConsumer.selectorFor(this, d.isQueue(), selector);
        return consumer(d, subscriptions.forDestination(d, selector), selector, compiled, noLocal && !d.isQueue());
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name) throws JMSException {
        return createSharedConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        checkTopicDomain("createSharedConsumer");
        FerryTopic t = topic(topic);
        MessageSelector compiled = FerryMessageConsumer.selectorFor(this, false, selector);
        return consumer(t, subscriptions.shared(t, name, selector), selector, compiled, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal) throws JMSException {
        checkOpen();
        checkTopicDomain("createDurableSubscriber");
        FerryTopic t = topic(topic);
        MessageSelector compiled = FerryMessageConsumer.selectorFor(this, false, selector);
        return consumer(t, subscriptions.durable(t, name, selector, noLocal), selector, compiled, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) throws JMSException {
        return createDurableSubscriber(topic, name, selector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        checkTopicDomain("createSharedDurableConsumer");
        FerryTopic t = topic(topic);
        MessageSelector compiled = FerryMessageConsumer.selectorFor(this, false, selector);
        return consumer(t, subscriptions.sharedDurable(t, name, selector), selector, compiled, false);
    }

    private FerryMessageConsumer consumer(FerryDestination d, Subscriptions.Source source, String selector,
                                          MessageSelector compiled, boolean noLocal) throws JMSException {
        FerryMessageConsumer c = new FerryMessageConsumer(this, d, source, selector, compiled, noLocal);
        consumers.add(c);
        try {
            c.start();
        } catch (JMSException e) {
            consumers.remove(c);
            throw e;
        }
        return c;
    }

    void removed(FerryMessageConsumer consumer) {
        consumers.remove(consumer);
    }

    void removed(FerryMessageProducer producer) {
        producers.remove(producer);
    }

    boolean hasConsumerOn(FerryDestination destination) {
        return consumers.stream().anyMatch(c -> c.destination().equals(destination));
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        checkTopicDomain("unsubscribe");
        subscriptions.unsubscribe(name);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        checkOpen();
        checkQueueDomain("createBrowser");
        FerryDestination d = ferry(queue);
        if (!connection.topology().queueExists(d.routingKey())) {
            throw new InvalidDestinationException("queue '" + d.routingKey() + "' does not exist", "404");
        }
        return new FerryQueueBrowser(this, (FerryQueue) d, selector);
    }

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkQueueDomain("createQueue");
        return Destinations.queue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkTopicDomain("createTopic");
        return Destinations.topic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        checkQueueDomain("createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        checkTopicDomain("createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    // ---- QueueSession / TopicSession (each also refused by the other domain's session) ----

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return createReceiver(queue, null);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        checkQueueDomain("createReceiver");
        return (QueueReceiver) createConsumer(queue, selector);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        checkQueueDomain("createSender");
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return createSubscriber(topic, null, false);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        checkTopicDomain("createSubscriber");
        return (TopicSubscriber) createConsumer(topic, selector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        checkTopicDomain("createPublisher");
        return (TopicPublisher) createProducer(topic);
    }

    // ---- dispatch ----

    /** Runs a consumer's buffered deliveries through its listener on the dispatch thread. */
    void scheduleDispatch(FerryMessageConsumer consumer) {
        if (!closed) {
            threads.dispatch(consumer::dispatchBuffered);
        }
    }

    /**
     * Connection started: competing consumers subscribe (again), listeners get what is buffered.
     * Every consumer is tried; the first failure is thrown afterwards.
     */
    void resumeDelivery() throws JMSException {
        JMSException first = null;
        for (FerryMessageConsumer c : consumers) {
            try {
                c.resume();
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Connection stopping: competing consumers cancel their basic.consume (see {@link FerryConnection#stop()}). */
    void pauseConsumers() {
        for (FerryMessageConsumer c : consumers) {
            c.pause();
        }
    }

    /** Connection stopped and no listener running: paused consumers give back what they had buffered. */
    void giveBackBuffered() {
        for (FerryMessageConsumer c : consumers) {
            c.giveBackBuffered();
        }
    }

    /** Returns once no MessageListener of this session is running (unless called from one). */
    void awaitListenersIdle() {
        threads.awaitIdle();
    }

    /** True on the thread that runs this session's MessageListeners (the simplified API checks it too). */
    public boolean isDispatchThread() {
        return threads.isDispatchThread();
    }

    /** True on the thread that runs this session's CompletionListeners. */
    public boolean isCompletionThread() {
        return threads.isCompletionThread();
    }

    SessionThreads threads() {
        return threads;
    }

    // ---- lifecycle ----

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (threads.isCompletionThread()) {
            throw new IllegalStateException("a CompletionListener must not close its own session");
        }
        if (threads.isDispatchThread()) {
            // spec 6.2.15 / Session.close(): it would wait for the listener that is calling it
            throw new IllegalStateException("a MessageListener must not close its own session");
        }
        for (FerryMessageConsumer c : consumers) {
            c.close();
        }
        awaitListenersIdle();
        sender.awaitPending();
        closed = true;
        if (mode == SESSION_TRANSACTED) {
            try {
                ProviderChannel ch = channel;
                if (ch != null && ch.isOpen()) {
                    ch.rollback();
                }
            } catch (ProviderException ignored) {
                // closing the channel requeues the deliveries anyway
            }
        }
        for (FerryMessageProducer p : producers) {
            p.markClosed();
        }
        synchronized (this) {
            if (channel != null) {
                channel.close();
            }
        }
        threads.shutDown();
        connection.removed(this);
    }

    boolean isClosed() {
        return closed || connection.isClosed();
    }

    void checkOpen() throws IllegalStateException {
        if (isClosed()) {
            throw new IllegalStateException("the session is closed");
        }
    }

    private void checkTopicDomain(String method) throws IllegalStateException {
        if (domain == Domain.QUEUE) {
            throw new IllegalStateException(method + " is a topic method; a QueueSession does not offer it");
        }
    }

    private void checkQueueDomain(String method) throws IllegalStateException {
        if (domain == Domain.TOPIC) {
            throw new IllegalStateException(method + " is a queue method; a TopicSession does not offer it");
        }
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return sessionListener;
    }

    /** An application-server facility (spec 8.2); FerryMQ's resource adapter does not use it. */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        this.sessionListener = listener;
    }

    @Override
    public void run() {
        // application-server facility: no messages are loaded into the session this way
    }

    private static FerryDestination ferry(Destination destination) throws JMSException {
        return Destinations.ferry(destination);
    }

    private static FerryTopic topic(Topic topic) throws JMSException {
        return Destinations.ferryTopic(topic);
    }
}
