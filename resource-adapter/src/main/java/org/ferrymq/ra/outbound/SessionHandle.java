package org.ferrymq.ra.outbound;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
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
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionInProgressException;

/**
 * The Session an application works with: the connection handle the server's connection manager
 * returns. Each call goes to the managed connection's current session (transacted while a JTA
 * transaction has it enlisted), so sends made inside a transaction are delivered only if it
 * commits. What a container forbids (message listeners, local commit inside a JTA transaction)
 * is refused with the exception the specification names.
 *
 * <p>Threading: one application thread at a time; {@link #invalidate()} may come from the server.
 */
final class SessionHandle implements QueueSession, TopicSession {
    private volatile FerryManagedConnection mc;
    private final List<ConsumerHandle> consumers = new CopyOnWriteArrayList<>();
    private volatile int ackMode = Session.AUTO_ACKNOWLEDGE;
    private volatile boolean closed;

    SessionHandle(FerryManagedConnection mc) {
        this.mc = mc;
    }

    FerryManagedConnection managedConnection() {
        return mc;
    }

    void associate(FerryManagedConnection mc) {
        this.mc = mc;
    }

    void ackMode(int mode) {
        this.ackMode = mode;
    }

    boolean isClosed() {
        return closed;
    }

    /** The server took the managed connection back (cleanup): this handle is dead. */
    void invalidate() {
        closed = true;
        closeConsumers();
    }

    /**
     * Whether the managed connection under this handle can still reach the broker. Not a JMS
     * method: IronJacamar's default recovery plugin calls it by reflection on the handle it opens
     * at each recovery scan. Without it the plugin counts the connection invalid and opens a new
     * broker connection for every scan, destroying the one whose XAResource the transaction
     * manager may still be finishing a logged branch with.
     */
    public boolean isValid(int timeoutSeconds) {
        return !closed && mc.isUsable();
    }

    Session session() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        return mc.currentSession();
    }

    MessageProducer physicalProducer() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        return mc.producer();
    }

    ConnectionMetaData metaData() throws JMSException {
        return mc.connectionMetaData();
    }

    // ---- messages ----

    @Override public BytesMessage createBytesMessage() throws JMSException { return session().createBytesMessage(); }
    @Override public MapMessage createMapMessage() throws JMSException { return session().createMapMessage(); }
    @Override public Message createMessage() throws JMSException { return session().createMessage(); }
    @Override public ObjectMessage createObjectMessage() throws JMSException { return session().createObjectMessage(); }
    @Override public ObjectMessage createObjectMessage(Serializable o) throws JMSException { return session().createObjectMessage(o); }
    @Override public StreamMessage createStreamMessage() throws JMSException { return session().createStreamMessage(); }
    @Override public TextMessage createTextMessage() throws JMSException { return session().createTextMessage(); }
    @Override public TextMessage createTextMessage(String text) throws JMSException { return session().createTextMessage(text); }

    // ---- transactions ----

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return mc.inTransaction();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mc.inTransaction() ? Session.SESSION_TRANSACTED : ackMode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (mc.inTransaction()) {
            throw new TransactionInProgressException("the session takes part in a JTA transaction: commit that one");
        }
        throw new IllegalStateException("the session is not transacted (outside a JTA transaction sessions in a container acknowledge automatically)");
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (mc.inTransaction()) {
            throw new TransactionInProgressException("the session takes part in a JTA transaction: roll that one back");
        }
        throw new IllegalStateException("the session is not transacted (outside a JTA transaction sessions in a container acknowledge automatically)");
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (mc.inTransaction()) {
            throw new IllegalStateException("recover() inside a JTA transaction");
        }
        session().recover();
    }

    // ---- forbidden in a container ----

    @Override
    public MessageListener getMessageListener() throws JMSException {
        throw ContainerRules.refused("Session.getMessageListener");
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw ContainerRules.refused("Session.setMessageListener");
    }

    @Override
    public void run() {
        throw new java.lang.IllegalStateException(ContainerRules.refused("Session.run").getMessage());
    }

    // ---- producers and consumers ----

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        return new ProducerHandle(this, destination);
    }

    @Override public QueueSender createSender(Queue queue) throws JMSException { return (QueueSender) createProducer(queue); }
    @Override public TopicPublisher createPublisher(Topic topic) throws JMSException { return (TopicPublisher) createProducer(topic); }

    private ConsumerHandle track(MessageConsumer c) {
        ConsumerHandle h = new ConsumerHandle(this, c);
        consumers.add(h);
        return h;
    }

    void forget(ConsumerHandle h) {
        consumers.remove(h);
    }

    @Override public MessageConsumer createConsumer(Destination d) throws JMSException { return track(session().createConsumer(d)); }
    @Override public MessageConsumer createConsumer(Destination d, String sel) throws JMSException { return track(session().createConsumer(d, sel)); }
    @Override public MessageConsumer createConsumer(Destination d, String sel, boolean noLocal) throws JMSException { return track(session().createConsumer(d, sel, noLocal)); }
    @Override public MessageConsumer createSharedConsumer(Topic t, String name) throws JMSException { return track(session().createSharedConsumer(t, name)); }
    @Override public MessageConsumer createSharedConsumer(Topic t, String name, String sel) throws JMSException { return track(session().createSharedConsumer(t, name, sel)); }
    @Override public TopicSubscriber createDurableSubscriber(Topic t, String name) throws JMSException { return track(session().createDurableSubscriber(t, name)); }
    @Override public TopicSubscriber createDurableSubscriber(Topic t, String name, String sel, boolean noLocal) throws JMSException { return track(session().createDurableSubscriber(t, name, sel, noLocal)); }
    @Override public MessageConsumer createDurableConsumer(Topic t, String name) throws JMSException { return track(session().createDurableConsumer(t, name)); }
    @Override public MessageConsumer createDurableConsumer(Topic t, String name, String sel, boolean noLocal) throws JMSException { return track(session().createDurableConsumer(t, name, sel, noLocal)); }
    @Override public MessageConsumer createSharedDurableConsumer(Topic t, String name) throws JMSException { return track(session().createSharedDurableConsumer(t, name)); }
    @Override public MessageConsumer createSharedDurableConsumer(Topic t, String name, String sel) throws JMSException { return track(session().createSharedDurableConsumer(t, name, sel)); }
    @Override public QueueReceiver createReceiver(Queue q) throws JMSException { return track(session().createConsumer(q)); }
    @Override public QueueReceiver createReceiver(Queue q, String sel) throws JMSException { return track(session().createConsumer(q, sel)); }
    @Override public TopicSubscriber createSubscriber(Topic t) throws JMSException { return track(session().createConsumer(t)); }
    @Override public TopicSubscriber createSubscriber(Topic t, String sel, boolean noLocal) throws JMSException { return track(session().createConsumer(t, sel, noLocal)); }

    @Override public QueueBrowser createBrowser(Queue q) throws JMSException { return session().createBrowser(q); }
    @Override public QueueBrowser createBrowser(Queue q, String sel) throws JMSException { return session().createBrowser(q, sel); }
    @Override public Queue createQueue(String name) throws JMSException { return session().createQueue(name); }
    @Override public Topic createTopic(String name) throws JMSException { return session().createTopic(name); }
    @Override public TemporaryQueue createTemporaryQueue() throws JMSException { return session().createTemporaryQueue(); }
    @Override public TemporaryTopic createTemporaryTopic() throws JMSException { return session().createTemporaryTopic(); }
    @Override public void unsubscribe(String name) throws JMSException { session().unsubscribe(name); }

    // ---- lifecycle ----

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
    }

    private void closeConsumers() {
        for (ConsumerHandle c : consumers) {
            c.closeQuietly();
        }
        consumers.clear();
    }

    /** Returns the managed connection to the pool. */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        closeConsumers();
        mc.closed(this);
    }
}
