package org.ferrymq.jms.simplified;

import static org.ferrymq.jms.JmsExceptions.unchecked;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.jms.FerryConnection;
import org.ferrymq.jms.JmsExceptions;

/**
 * The simplified API: a connection and one session in one object, every JMSException turned into
 * its JMSRuntimeException twin by {@link JmsExceptions}. Contexts made with
 * {@link #createContext(int)} share the connection, which closes with the last of them.
 *
 * <p>Threading: like a session, one thread at a time.
 */
public class FerryJmsContext implements JMSContext {
    private final FerryConnection connection;
    private final AtomicInteger connectionUsers;
    private final int sessionMode;
    private Session session;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    public FerryJmsContext(FerryConnection connection, int sessionMode) {
        this(connection, sessionMode, new AtomicInteger(1));
    }

    private FerryJmsContext(FerryConnection connection, int sessionMode, AtomicInteger connectionUsers) {
        this.connection = connection;
        this.sessionMode = sessionMode;
        this.connectionUsers = connectionUsers;
    }

    public static void checkSessionMode(int mode) {
        if (mode < JMSContext.SESSION_TRANSACTED || mode > JMSContext.DUPS_OK_ACKNOWLEDGE) {
            throw new JMSRuntimeException("invalid session mode " + mode);
        }
    }

    /** The session, created on first use so setClientID can still come first. */
    synchronized Session session() {
        checkOpen();
        if (session == null) {
            session = unchecked(this::newSession);
        }
        return session;
    }

    /** Creates the context's session (an XA context makes an XA session). */
    protected Session newSession() throws jakarta.jms.JMSException {
        return connection.createSession(sessionMode);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    @Override
    public JMSContext createContext(int mode) {
        checkOpen();
        checkSessionMode(mode);
        connectionUsers.incrementAndGet();
        return new FerryJmsContext(connection, mode, connectionUsers);
    }

    @Override
    public JMSProducer createProducer() {
        return new FerryJmsProducer(this, unchecked(() -> session().createProducer(null)));
    }

    @Override public String getClientID() { checkOpen(); return unchecked(connection::getClientID); }
    @Override public void setClientID(String clientID) { checkOpen(); unchecked(() -> { connection.setClientID(clientID); return null; }); }
    @Override public ConnectionMetaData getMetaData() { checkOpen(); return unchecked(connection::getMetaData); }
    @Override public ExceptionListener getExceptionListener() { checkOpen(); return unchecked(connection::getExceptionListener); }
    @Override public void setExceptionListener(ExceptionListener listener) { checkOpen(); unchecked(() -> { connection.setExceptionListener(listener); return null; }); }
    @Override public void start() { checkOpen(); unchecked(() -> { connection.start(); return null; }); }
    @Override public void stop() { checkOpen(); unchecked(() -> { connection.stop(); return null; }); }
    @Override public void setAutoStart(boolean autoStart) { checkOpen(); this.autoStart = autoStart; }
    @Override public boolean getAutoStart() { checkOpen(); return autoStart; }

    @Override
    public void close() {
        if (session instanceof org.ferrymq.jms.FerrySession own && (own.isDispatchThread() || own.isCompletionThread())) {
            // spec 6.1.7 / 7.3.8: a listener must not close the context it runs in
            throw new IllegalStateRuntimeException("a MessageListener or CompletionListener must not close its own JMSContext");
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        unchecked(() -> {
            if (session != null) {
                session.close();
            }
            if (connectionUsers.decrementAndGet() == 0) {
                connection.close();
            }
            return null;
        });
    }

    @Override public BytesMessage createBytesMessage() { return unchecked(() -> session().createBytesMessage()); }
    @Override public MapMessage createMapMessage() { return unchecked(() -> session().createMapMessage()); }
    @Override public Message createMessage() { return unchecked(() -> session().createMessage()); }
    @Override public ObjectMessage createObjectMessage() { return unchecked(() -> session().createObjectMessage()); }
    @Override public ObjectMessage createObjectMessage(Serializable object) { return unchecked(() -> session().createObjectMessage(object)); }
    @Override public StreamMessage createStreamMessage() { return unchecked(() -> session().createStreamMessage()); }
    @Override public TextMessage createTextMessage() { return unchecked(() -> session().createTextMessage()); }
    @Override public TextMessage createTextMessage(String text) { return unchecked(() -> session().createTextMessage(text)); }
    @Override public boolean getTransacted() { return unchecked(() -> session().getTransacted()); }
    @Override public int getSessionMode() { checkOpen(); return sessionMode; }
    @Override public void commit() { unchecked(() -> { session().commit(); return null; }); }
    @Override public void rollback() { unchecked(() -> { session().rollback(); return null; }); }
    @Override public void recover() { unchecked(() -> { session().recover(); return null; }); }

    @Override public JMSConsumer createConsumer(Destination destination) { return consumer(() -> session().createConsumer(destination)); }
    @Override public JMSConsumer createConsumer(Destination destination, String selector) { return consumer(() -> session().createConsumer(destination, selector)); }
    @Override public JMSConsumer createConsumer(Destination destination, String selector, boolean noLocal) { return consumer(() -> session().createConsumer(destination, selector, noLocal)); }
    @Override public JMSConsumer createSharedConsumer(Topic topic, String name) { return consumer(() -> session().createSharedConsumer(topic, name)); }
    @Override public JMSConsumer createSharedConsumer(Topic topic, String name, String selector) { return consumer(() -> session().createSharedConsumer(topic, name, selector)); }
    @Override public JMSConsumer createDurableConsumer(Topic topic, String name) { return consumer(() -> session().createDurableConsumer(topic, name)); }
    @Override public JMSConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal) { return consumer(() -> session().createDurableConsumer(topic, name, selector, noLocal)); }
    @Override public JMSConsumer createSharedDurableConsumer(Topic topic, String name) { return consumer(() -> session().createSharedDurableConsumer(topic, name)); }
    @Override public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String selector) { return consumer(() -> session().createSharedDurableConsumer(topic, name, selector)); }

    private JMSConsumer consumer(JmsExceptions.JmsCall<MessageConsumer> create) {
        MessageConsumer consumer = unchecked(create);
        if (autoStart) {
            start();
        }
        return new FerryJmsConsumer(consumer);
    }

    @Override public QueueBrowser createBrowser(Queue queue) { return unchecked(() -> session().createBrowser(queue)); }
    @Override public QueueBrowser createBrowser(Queue queue, String selector) { return unchecked(() -> session().createBrowser(queue, selector)); }
    @Override public Queue createQueue(String queueName) { return unchecked(() -> session().createQueue(queueName)); }
    @Override public Topic createTopic(String topicName) { return unchecked(() -> session().createTopic(topicName)); }
    @Override public TemporaryQueue createTemporaryQueue() { return unchecked(() -> session().createTemporaryQueue()); }
    @Override public TemporaryTopic createTemporaryTopic() { return unchecked(() -> session().createTemporaryTopic()); }
    @Override public void unsubscribe(String name) { unchecked(() -> { session().unsubscribe(name); return null; }); }

    /** Acknowledges every message consumed in this context (CLIENT_ACKNOWLEDGE). */
    @Override
    public void acknowledge() {
        Session s = session();
        unchecked(() -> {
            if (s.getAcknowledgeMode() == Session.CLIENT_ACKNOWLEDGE) {
                ((org.ferrymq.jms.FerrySession) s).acknowledgeAll();
            }
            return null;
        });
    }

    static JMSRuntimeException runtime(JMSException e) {
        return JmsExceptions.toRuntime(e);
    }
}
