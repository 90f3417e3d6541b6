package org.ferrymq.ra.outbound;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * The Connection an application gets from a {@link PooledConnectionFactory}. It holds no physical
 * resource: its one session (a container allows one per connection) takes a pooled managed
 * connection when created and gives it back when closed.
 *
 * <p>Threading: used by one application thread at a time, like any JMS connection in a component.
 */
final class ConnectionHandle implements QueueConnection, TopicConnection {
    private final PooledConnectionFactory factory;
    private final FerryConnectionRequestInfo info;
    private SessionHandle session;
    private boolean closed;

    ConnectionHandle(PooledConnectionFactory factory, FerryConnectionRequestInfo info) {
        this.factory = factory;
        this.info = info;
    }

    /**
     * Section 12.3: inside a JTA transaction the arguments are ignored and the session joins the
     * transaction; outside one it is non-transacted, acknowledging automatically (DUPS_OK if asked).
     */
    @Override
    public synchronized Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        checkOpen();
        if (session != null && !session.isClosed()) {
            throw new IllegalStateException("a connection in a Jakarta EE web or EJB container has one session; "
                    + "close it or use another connection (Jakarta Messaging 3.1, section 12.2)");
        }
        session = factory.allocate(info);
        session.ackMode(!transacted && acknowledgeMode == Session.DUPS_OK_ACKNOWLEDGE ? Session.DUPS_OK_ACKNOWLEDGE
                : Session.AUTO_ACKNOWLEDGE);
        return session;
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        return factory.providerConfig().clientId();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        throw ContainerRules.refused("Connection.setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        SessionHandle s = session;
        if (s != null && !s.isClosed()) {
            return s.metaData();
        }
        SessionHandle temporary = factory.allocate(info);
        try {
            return temporary.metaData();
        } finally {
            temporary.close();
        }
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        throw ContainerRules.refused("Connection.setExceptionListener");
    }

    /** Pooled connections are always started. */
    @Override
    public void start() throws JMSException {
        checkOpen();
    }

    @Override
    public void stop() throws JMSException {
        throw ContainerRules.refused("Connection.stop");
    }

    @Override
    public synchronized void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        if (session != null) {
            session.close();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination d, String s, ServerSessionPool p, int m) throws JMSException {
        throw ContainerRules.refused("Connection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue q, String s, ServerSessionPool p, int m) throws JMSException {
        throw ContainerRules.refused("QueueConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic t, String s, ServerSessionPool p, int m) throws JMSException {
        throw ContainerRules.refused("TopicConnection.createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic t, String n, String s, ServerSessionPool p, int m) throws JMSException {
        throw ContainerRules.refused("Connection.createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic t, String n, String s, ServerSessionPool p, int m) throws JMSException {
        throw ContainerRules.refused("Connection.createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic t, String n, String s, ServerSessionPool p, int m) throws JMSException {
        throw ContainerRules.refused("Connection.createSharedDurableConnectionConsumer");
    }
}
