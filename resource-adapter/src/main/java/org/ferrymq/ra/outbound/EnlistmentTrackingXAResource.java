package org.ferrymq.ra.outbound;

import java.util.function.Consumer;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA session's XAResource as the transaction manager sees it, telling the managed connection
 * when a branch is active on it (between start and end), so that handle calls go to the XA
 * session exactly then.
 *
 * <p>Threading: called by the transaction manager on the application's thread.
 */
final class EnlistmentTrackingXAResource implements XAResource {
    private final XAResource delegate;
    private final Consumer<Boolean> active;

    EnlistmentTrackingXAResource(XAResource delegate, Consumer<Boolean> active) {
        this.delegate = delegate;
        this.active = active;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
        active.accept(true);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        active.accept(false);
        delegate.end(xid, flags);
    }

    @Override public void commit(Xid xid, boolean onePhase) throws XAException { delegate.commit(xid, onePhase); }
    @Override public void rollback(Xid xid) throws XAException { delegate.rollback(xid); }
    @Override public int prepare(Xid xid) throws XAException { return delegate.prepare(xid); }
    @Override public void forget(Xid xid) throws XAException { delegate.forget(xid); }
    @Override public Xid[] recover(int flag) throws XAException { return delegate.recover(flag); }
    @Override public int getTransactionTimeout() throws XAException { return delegate.getTransactionTimeout(); }
    @Override public boolean setTransactionTimeout(int seconds) throws XAException { return delegate.setTransactionTimeout(seconds); }

    /**
     * Always false: a pooled connection gets a branch of its own. A transaction manager that
     * hears "same RM" joins the branch already enlisted (Payara's JTS calls start(xid, TMJOIN)
     * with the MDB's inbound branch, still ACTIVE on the delivering session), which the
     * provider's XA refuses with XAER_PROTO; separate branches commit together by two-phase commit.
     */
    @Override
    public boolean isSameRM(XAResource other) {
        return false;
    }
}
