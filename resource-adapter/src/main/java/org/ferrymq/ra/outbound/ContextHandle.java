package org.ferrymq.ra.outbound;

import static org.ferrymq.jms.JmsExceptions.unchecked;

import java.io.Serializable;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
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

import org.ferrymq.jms.JmsExceptions;
import org.ferrymq.jms.simplified.FerryJmsProducer;

/**
 * The JMSContext of a {@link PooledConnectionFactory}: a connection handle and its one session
 * handle (taken from the pool on first use), with the container's restrictions
 * (no {@code createContext}, {@code setClientID}, {@code setExceptionListener}, {@code stop}).
 *
 * <p>Threading: one application thread at a time.
 */
final class ContextHandle implements JMSContext {
    private final ConnectionHandle connection;
    private final int sessionMode;
    private SessionHandle session;
    private boolean closed;

    ContextHandle(ConnectionHandle connection, int sessionMode) {
        this.connection = connection;
        this.sessionMode = sessionMode;
    }

    synchronized SessionHandle session() {
        if (closed) {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
        if (session == null) {
            session = (SessionHandle) unchecked(() -> connection.createSession(sessionMode));
        }
        return session;
    }

    @Override public JMSContext createContext(int sessionMode) { throw ContainerRules.refusedRuntime("JMSContext.createContext"); }
    @Override public JMSProducer createProducer() { return new FerryJmsProducer(this, new ProducerHandle(session(), null)); }
    @Override public String getClientID() { return unchecked(connection::getClientID); }
    @Override public void setClientID(String clientID) { throw ContainerRules.refusedRuntime("JMSContext.setClientID"); }
    @Override public ConnectionMetaData getMetaData() { return unchecked(connection::getMetaData); }
    @Override public ExceptionListener getExceptionListener() { return null; }
    @Override public void setExceptionListener(ExceptionListener listener) { throw ContainerRules.refusedRuntime("JMSContext.setExceptionListener"); }
    @Override public void start() { }
    @Override public void stop() { throw ContainerRules.refusedRuntime("JMSContext.stop"); }
    @Override public void setAutoStart(boolean autoStart) { }
    @Override public boolean getAutoStart() { return true; }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        unchecked(() -> {
            connection.close();
            return null;
        });
    }

    @Override public BytesMessage createBytesMessage() { return unchecked(() -> session().createBytesMessage()); }
    @Override public MapMessage createMapMessage() { return unchecked(() -> session().createMapMessage()); }
    @Override public Message createMessage() { return unchecked(() -> session().createMessage()); }
    @Override public ObjectMessage createObjectMessage() { return unchecked(() -> session().createObjectMessage()); }
    @Override public ObjectMessage createObjectMessage(Serializable o) { return unchecked(() -> session().createObjectMessage(o)); }
    @Override public StreamMessage createStreamMessage() { return unchecked(() -> session().createStreamMessage()); }
    @Override public TextMessage createTextMessage() { return unchecked(() -> session().createTextMessage()); }
    @Override public TextMessage createTextMessage(String text) { return unchecked(() -> session().createTextMessage(text)); }
    @Override public boolean getTransacted() { return unchecked(() -> session().getTransacted()); }
    @Override public int getSessionMode() { return unchecked(() -> session().getAcknowledgeMode()); }
    @Override public void commit() { unchecked(() -> { session().commit(); return null; }); }
    @Override public void rollback() { unchecked(() -> { session().rollback(); return null; }); }
    @Override public void recover() { unchecked(() -> { session().recover(); return null; }); }

    private JMSConsumer consumer(JmsExceptions.JmsCall<MessageConsumer> create) {
        return new ContextConsumer(unchecked(create));
    }

    @Override public JMSConsumer createConsumer(Destination d) { return consumer(() -> session().createConsumer(d)); }
    @Override public JMSConsumer createConsumer(Destination d, String sel) { return consumer(() -> session().createConsumer(d, sel)); }
    @Override public JMSConsumer createConsumer(Destination d, String sel, boolean noLocal) { return consumer(() -> session().createConsumer(d, sel, noLocal)); }
    @Override public JMSConsumer createDurableConsumer(Topic t, String name) { return consumer(() -> session().createDurableConsumer(t, name)); }
    @Override public JMSConsumer createDurableConsumer(Topic t, String name, String sel, boolean noLocal) { return consumer(() -> session().createDurableConsumer(t, name, sel, noLocal)); }
    @Override public JMSConsumer createSharedDurableConsumer(Topic t, String name) { return consumer(() -> session().createSharedDurableConsumer(t, name)); }
    @Override public JMSConsumer createSharedDurableConsumer(Topic t, String name, String sel) { return consumer(() -> session().createSharedDurableConsumer(t, name, sel)); }
    @Override public JMSConsumer createSharedConsumer(Topic t, String name) { return consumer(() -> session().createSharedConsumer(t, name)); }
    @Override public JMSConsumer createSharedConsumer(Topic t, String name, String sel) { return consumer(() -> session().createSharedConsumer(t, name, sel)); }
    @Override public QueueBrowser createBrowser(Queue q) { return unchecked(() -> session().createBrowser(q)); }
    @Override public QueueBrowser createBrowser(Queue q, String sel) { return unchecked(() -> session().createBrowser(q, sel)); }
    @Override public Queue createQueue(String name) { return unchecked(() -> session().createQueue(name)); }
    @Override public Topic createTopic(String name) { return unchecked(() -> session().createTopic(name)); }
    @Override public TemporaryQueue createTemporaryQueue() { return unchecked(() -> session().createTemporaryQueue()); }
    @Override public TemporaryTopic createTemporaryTopic() { return unchecked(() -> session().createTemporaryTopic()); }
    @Override public void unsubscribe(String name) { unchecked(() -> { session().unsubscribe(name); return null; }); }

    /** Sessions in a container acknowledge automatically: nothing to acknowledge. */
    @Override
    public void acknowledge() {
        if (unchecked(() -> session().getAcknowledgeMode()) == Session.CLIENT_ACKNOWLEDGE) {
            throw new IllegalStateRuntimeException("unreachable: container sessions are never CLIENT_ACKNOWLEDGE");
        }
    }
}
