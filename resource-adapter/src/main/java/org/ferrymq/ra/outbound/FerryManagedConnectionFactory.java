package org.ferrymq.ra.outbound;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

import javax.security.auth.Subject;

import jakarta.jms.XAConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.ra.FerryResourceAdapter;
import org.ferrymq.ra.ProviderSettings;

/**
 * The outbound connection definition: gives the application a {@link PooledConnectionFactory}
 * (a {@code ConnectionFactory}, {@code QueueConnectionFactory} and {@code TopicConnectionFactory})
 * whose connections the server pools as {@link FerryManagedConnection}s. Its settings override
 * the resource adapter's (another broker, other credentials, a client ID for durable subscribers).
 *
 * <p>Threading: configured by the server, then used from any thread; it keeps no mutable state
 * besides its settings.
 */
public class FerryManagedConnectionFactory extends ProviderSettings
        implements ManagedConnectionFactory, ValidatingManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {
    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    /** The client ID of the pooled connections (only one pooled connection can then be open at a time). */
    public String getClientID() { return get("clientId"); }
    public void setClientID(String clientId) { put("clientId", clientId); }
    /** NoTransaction, LocalTransaction or XATransaction: the most this factory offers (default: XA when the provider has it, else local). */
    public String getTransactionSupportLevel() { return get("ra.transactionSupport"); }
    public void setTransactionSupportLevel(String level) { put("ra.transactionSupport", level); }

    /** The provider config of the pooled connections. */
    public FerryJmsConfig providerConfig() {
        return resourceAdapter instanceof FerryResourceAdapter ra ? ra.providerConfig(this) : config(null);
    }

    FerryConnectionFactory physicalFactory() {
        return new FerryConnectionFactory(providerConfig());
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        TransactionSupportLevel available = (Object) physicalFactory() instanceof XAConnectionFactory
                ? TransactionSupportLevel.XATransaction : TransactionSupportLevel.LocalTransaction;
        String configured = getTransactionSupportLevel();
        if (configured == null) {
            return available;
        }
        TransactionSupportLevel wanted = TransactionSupportLevel.valueOf(configured.trim());
        return wanted.ordinal() > available.ordinal() ? available : wanted;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new PooledConnectionFactory(this, manager);
    }

    /** Outside a server: every createSession opens its own managed connection. */
    @Override
    public Object createConnectionFactory() {
        return new PooledConnectionFactory(this, new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        return new FerryManagedConnection(this, info instanceof FerryConnectionRequestInfo f ? f : FerryConnectionRequestInfo.DEFAULT);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        Object wanted = info instanceof FerryConnectionRequestInfo f ? f : FerryConnectionRequestInfo.DEFAULT;
        for (Object c : candidates) {
            if (c instanceof FerryManagedConnection mc && mc.requestInfo().equals(wanted) && mc.isUsable()) {
                return mc;
            }
        }
        return null;
    }

    /** The server's pool validation (background or on match) and recovery ask which connections lost the broker. */
    @Override
    @SuppressWarnings("rawtypes")
    public Set<ManagedConnection> getInvalidConnections(Set connections) {
        Set<ManagedConnection> invalid = new HashSet<>();
        for (Object c : connections) {
            if (c instanceof FerryManagedConnection mc && !mc.isUsable()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = ra;
    }

    /** Pooling by the server: a ConnectionManager without a pool. */
    private static final class UnpooledConnectionManager implements ConnectionManager {
        private static final long serialVersionUID = 1L;

        @Override
        public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info) throws ResourceException {
            ManagedConnection mc = mcf.createManagedConnection(null, info);
            mc.addConnectionEventListener(new jakarta.resource.spi.ConnectionEventListener() {
                @Override public void connectionClosed(jakarta.resource.spi.ConnectionEvent e) { destroy(mc); }
                @Override public void connectionErrorOccurred(jakarta.resource.spi.ConnectionEvent e) { destroy(mc); }
                @Override public void localTransactionStarted(jakarta.resource.spi.ConnectionEvent e) { }
                @Override public void localTransactionCommitted(jakarta.resource.spi.ConnectionEvent e) { }
                @Override public void localTransactionRolledback(jakarta.resource.spi.ConnectionEvent e) { }
            });
            return mc.getConnection(null, info);
        }

        private static void destroy(ManagedConnection mc) {
            try {
                mc.destroy();
            } catch (ResourceException ignored) {
                // closing a connection that already failed
            }
        }
    }
}
