package org.ferrymq.ra.outbound;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import org.ferrymq.jms.FerryConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pooled physical JMS connection and the sessions it works through: an AUTO_ACKNOWLEDGE
 * session outside transactions, a transacted one while the server runs a local transaction on it
 * ({@link #getLocalTransaction()}), an XA session while the transaction manager has its
 * XAResource enlisted. The application's {@link SessionHandle}s pick the right one at each call,
 * so a handle obtained before a transaction began sends inside it once it has.
 *
 * <p>Threading: a managed connection is used by one application thread at a time (the server's
 * pool guarantees it); the event listeners list is concurrent because errors arrive on provider
 * threads.
 */
public final class FerryManagedConnection implements ManagedConnection {
    private static final Logger LOG = LoggerFactory.getLogger(FerryManagedConnection.class);

    private final FerryManagedConnectionFactory mcf;
    private final FerryConnectionRequestInfo info;
    private final Connection connection;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SessionHandle> handles = new CopyOnWriteArrayList<>();
    private final Map<Session, MessageProducer> producers = new HashMap<>();
    private Session autoSession;
    private Session txSession;
    private XASession xaSession;
    private volatile boolean inLocalTransaction;
    private volatile boolean inXaTransaction;
    private volatile boolean broken;
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    FerryManagedConnection(FerryManagedConnectionFactory mcf, FerryConnectionRequestInfo info) throws ResourceException {
        this.mcf = mcf;
        this.info = info;
        FerryConnectionFactory factory = mcf.physicalFactory();
        try {
            boolean xa = mcf.getTransactionSupport() == jakarta.resource.spi.TransactionSupport.TransactionSupportLevel.XATransaction;
            connection = org.ferrymq.ra.XaConnections.open(factory, xa, info.user(), info.password());
            connection.setExceptionListener(this::failed);
            connection.start();   // receive() on consumers of a handle works without start(), as in a server
        } catch (JMSException e) {
            throw new ResourceException("cannot connect to FerryMQ at " + factory.getBrokerURI() + ": " + e.getMessage(), e);
        }
    }

    FerryConnectionRequestInfo requestInfo() {
        return info;
    }

    boolean isUsable() {
        return !broken && !destroyed;
    }

    /** The session a call on a handle goes to now. */
    synchronized Session currentSession() throws JMSException {
        if (inXaTransaction) {
            return xaSession;
        }
        if (inLocalTransaction) {
            if (txSession == null) {
                txSession = connection.createSession(Session.SESSION_TRANSACTED);
            }
            return txSession;
        }
        if (autoSession == null) {
            autoSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        }
        return autoSession;
    }

    jakarta.jms.ConnectionMetaData connectionMetaData() throws JMSException {
        return connection.getMetaData();
    }

    boolean inTransaction() {
        return inLocalTransaction || inXaTransaction;
    }

    /** An anonymous producer of the current session, kept for the connection's life. */
    synchronized MessageProducer producer() throws JMSException {
        Session s = currentSession();
        MessageProducer p = producers.get(s);
        if (p == null) {
            p = s.createProducer(null);
            producers.put(s, p);
        }
        return p;
    }

    // ---- handles ----

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo requestInfo) throws ResourceException {
        checkNotDestroyed();
        SessionHandle handle = new SessionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object handle) throws ResourceException {
        checkNotDestroyed();
        if (!(handle instanceof SessionHandle h)) {
            throw new ResourceException("not a FerryMQ session handle: " + handle);
        }
        FerryManagedConnection old = h.managedConnection();
        if (old != null) {
            old.handles.remove(h);
        }
        h.associate(this);
        handles.add(h);
    }

    /** The application closed a handle: the connection goes back to the pool. */
    void closed(SessionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    private void failed(JMSException e) {
        if (destroyed) {
            return;
        }
        broken = true;
        LOG.warn("FerryMQ pooled connection failed ({}); the server will replace it", e.getMessage());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, e);
        for (ConnectionEventListener l : listeners) {
            l.connectionErrorOccurred(event);
        }
    }

    @Override
    public void cleanup() throws ResourceException {
        for (SessionHandle h : new ArrayList<>(handles)) {
            h.invalidate();
        }
        handles.clear();
        inLocalTransaction = false;
        inXaTransaction = false;
    }

    @Override
    public void destroy() throws ResourceException {
        destroyed = true;
        cleanup();
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("closing a FerryMQ pooled connection: {}", e.toString());
        }
    }

    private void checkNotDestroyed() throws ResourceException {
        if (destroyed) {
            throw new jakarta.resource.spi.IllegalStateException("this FerryMQ managed connection is destroyed");
        }
    }

    // ---- transactions ----

    @Override
    public XAResource getXAResource() throws ResourceException {
        if (!(connection instanceof XAConnection xaConnection)) {
            throw new NotSupportedException("this FerryMQ provider has no XA; use LocalTransaction or NoTransaction");
        }
        try {
            synchronized (this) {
                if (xaSession == null) {
                    xaSession = xaConnection.createXASession();
                }
            }
            return new EnlistmentTrackingXAResource(xaSession.getXAResource(), active -> inXaTransaction = active);
        } catch (JMSException e) {
            throw new ResourceException("cannot open an XA session: " + e.getMessage(), e);
        }
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return new LocalTransaction() {
            @Override
            public void begin() throws ResourceException {
                inLocalTransaction = true;
                fire(ConnectionEvent.LOCAL_TRANSACTION_STARTED);
            }

            @Override
            public void commit() throws ResourceException {
                end(true);
            }

            @Override
            public void rollback() throws ResourceException {
                end(false);
            }

            private void end(boolean commit) throws ResourceException {
                try {
                    Session s;
                    synchronized (FerryManagedConnection.this) {
                        s = txSession;
                    }
                    if (s != null) {
                        if (commit) {
                            s.commit();
                        } else {
                            s.rollback();
                        }
                    }
                } catch (JMSException e) {
                    throw new jakarta.resource.spi.LocalTransactionException(
                            (commit ? "commit" : "rollback") + " failed: " + e.getMessage(), e);
                } finally {
                    inLocalTransaction = false;
                }
            }
        };
    }

    private void fire(int type) {
        ConnectionEvent event = new ConnectionEvent(this, type);
        for (ConnectionEventListener l : listeners) {
            switch (type) {
                case ConnectionEvent.LOCAL_TRANSACTION_STARTED -> l.localTransactionStarted(event);
                default -> { }
            }
        }
    }

    // ---- the rest of the contract ----

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        return new ManagedConnectionMetaData() {
            @Override public String getEISProductName() { return meta(true); }
            @Override public String getEISProductVersion() { return meta(false); }
            @Override public int getMaxConnections() { return 0; }
            @Override public String getUserName() { return info.user() != null ? info.user() : mcf.providerConfig().user(); }
        };
    }

    private String meta(boolean name) {
        try {
            return name ? connection.getMetaData().getJMSProviderName() : connection.getMetaData().getProviderVersion();
        } catch (JMSException e) {
            return "FerryMQ";
        }
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
