package org.ferrymq.jms.it.xa;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.jboss.tm.XAResourceWrapper;

/**
 * An XAResource with the name of the resource manager behind it, as an application server's
 * connector layer presents resources to Narayana (IronJacamar wraps each one in an
 * {@link XAResourceWrapper} carrying its JNDI name). Narayana keeps the name in its log; when
 * recovery finds no resource listing a logged branch, it takes the branch as finished only if a
 * resource of that name answered {@code recover} in the same scan. Without a name the choice
 * is between retrying forever and assuming completion ({@code xaAssumeRecoveryComplete}), which
 * while a resource manager is down would forget a commit decision and let recovery presume an
 * abort later.
 *
 * <p>Threading: as thread-safe as the resource it wraps.
 */
final class NamedXAResource implements XAResourceWrapper {
    private final XAResource delegate;
    private final String name;

    NamedXAResource(XAResource delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override public XAResource getResource() { return delegate; }
    @Override public String getProductName() { return name; }
    @Override public String getProductVersion() { return "test"; }
    @Override public String getJndiName() { return name; }

    @Override public void start(Xid xid, int flags) throws XAException { delegate.start(xid, flags); }
    @Override public void end(Xid xid, int flags) throws XAException { delegate.end(xid, flags); }
    @Override public int prepare(Xid xid) throws XAException { return delegate.prepare(xid); }
    @Override public void commit(Xid xid, boolean onePhase) throws XAException { delegate.commit(xid, onePhase); }
    @Override public void rollback(Xid xid) throws XAException { delegate.rollback(xid); }
    @Override public void forget(Xid xid) throws XAException { delegate.forget(xid); }
    @Override public Xid[] recover(int flag) throws XAException { return delegate.recover(flag); }
    @Override public int getTransactionTimeout() throws XAException { return delegate.getTransactionTimeout(); }
    @Override public boolean setTransactionTimeout(int seconds) throws XAException { return delegate.setTransactionTimeout(seconds); }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof NamedXAResource named ? named.delegate : other;
        return delegate.isSameRM(unwrapped);
    }
}
