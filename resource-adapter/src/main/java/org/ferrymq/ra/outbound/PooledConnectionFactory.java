package org.ferrymq.ra.outbound;

import java.io.Serializable;

import javax.naming.NamingException;
import javax.naming.Reference;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.jms.JmsExceptions;
import org.ferrymq.jms.simplified.FerryJmsContext;

/**
 * The connection factory an application looks up or injects ({@code @Resource}): connections
 * from it are handles; each handle's one session runs on a pooled {@link FerryManagedConnection}
 * the server hands out ({@code ConnectionManager.allocateConnection}) and takes back when the
 * handle closes.
 *
 * <p>Threading: thread-safe (stateless besides its factory and manager).
 */
public class PooledConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, jakarta.resource.Referenceable {
    private static final long serialVersionUID = 1L;

    private final FerryManagedConnectionFactory mcf;
    private final ConnectionManager manager;
    private Reference reference;

    PooledConnectionFactory(FerryManagedConnectionFactory mcf, ConnectionManager manager) {
        this.mcf = mcf;
        this.manager = manager;
    }

    /** The provider settings behind this factory (an activation's connectionFactoryLookup reads them). */
    public FerryJmsConfig providerConfig() {
        return mcf.providerConfig();
    }

    SessionHandle allocate(FerryConnectionRequestInfo info) throws JMSException {
        try {
            return (SessionHandle) manager.allocateConnection(mcf, info);
        } catch (ResourceException e) {
            throw JmsExceptions.wrap("cannot get a pooled FerryMQ connection: " + e.getMessage(), e);
        }
    }

    @Override
    public Connection createConnection() {
        return new ConnectionHandle(this, FerryConnectionRequestInfo.DEFAULT);
    }

    @Override
    public Connection createConnection(String user, String password) {
        return new ConnectionHandle(this, new FerryConnectionRequestInfo(user, password));
    }

    @Override public QueueConnection createQueueConnection() { return (QueueConnection) createConnection(); }
    @Override public QueueConnection createQueueConnection(String user, String password) { return (QueueConnection) createConnection(user, password); }
    @Override public TopicConnection createTopicConnection() { return (TopicConnection) createConnection(); }
    @Override public TopicConnection createTopicConnection(String user, String password) { return (TopicConnection) createConnection(user, password); }

    @Override
    public JMSContext createContext() {
        return new ContextHandle(new ConnectionHandle(this, FerryConnectionRequestInfo.DEFAULT), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String user, String password) {
        return new ContextHandle(new ConnectionHandle(this, new FerryConnectionRequestInfo(user, password)), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String user, String password, int sessionMode) {
        FerryJmsContext.checkSessionMode(sessionMode);
        return new ContextHandle(new ConnectionHandle(this, new FerryConnectionRequestInfo(user, password)), sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        FerryJmsContext.checkSessionMode(sessionMode);
        return new ContextHandle(new ConnectionHandle(this, FerryConnectionRequestInfo.DEFAULT), sessionMode);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() throws NamingException {
        return reference;
    }
}
