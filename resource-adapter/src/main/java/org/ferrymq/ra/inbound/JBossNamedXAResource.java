package org.ferrymq.ra.inbound;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.jboss.tm.XAResourceWrapper;

/**
 * A delivery's XAResource with the name WildFly's recovery manager knows FerryMQ by (see
 * {@link RecoveryNamedXAResource}). Deliberately not Serializable: Narayana would try to write a
 * Serializable XAResource into its log. Loaded only where {@code org.jboss.tm} is visible.
 *
 * <p>Threading: as thread-safe as the wrapped resource.
 */
final class JBossNamedXAResource implements XAResourceWrapper {
    private final XAResource resource;
    private final String jndiName;

    JBossNamedXAResource(XAResource resource, String jndiName) {
        this.resource = resource;
        this.jndiName = jndiName;
    }

    @Override public XAResource getResource() { return resource; }
    @Override public String getProductName() { return "FerryMQ"; }
    @Override public String getProductVersion() { return String.valueOf(JBossNamedXAResource.class.getPackage().getImplementationVersion()); }
    @Override public String getJndiName() { return jndiName; }

    @Override public void start(Xid xid, int flags) throws XAException { resource.start(xid, flags); }
    @Override public void end(Xid xid, int flags) throws XAException { resource.end(xid, flags); }
    @Override public int prepare(Xid xid) throws XAException { return resource.prepare(xid); }
    @Override public void commit(Xid xid, boolean onePhase) throws XAException { resource.commit(xid, onePhase); }
    @Override public void rollback(Xid xid) throws XAException { resource.rollback(xid); }
    @Override public void forget(Xid xid) throws XAException { resource.forget(xid); }
    @Override public Xid[] recover(int flag) throws XAException { return resource.recover(flag); }
    @Override public int getTransactionTimeout() throws XAException { return resource.getTransactionTimeout(); }
    @Override public boolean setTransactionTimeout(int seconds) throws XAException { return resource.setTransactionTimeout(seconds); }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return resource.isSameRM(other instanceof XAResourceWrapper w ? w.getResource() : other);
    }

    @Override
    public String toString() {
        return "FerryMQ XAResource (" + jndiName + ") " + resource;
    }
}
