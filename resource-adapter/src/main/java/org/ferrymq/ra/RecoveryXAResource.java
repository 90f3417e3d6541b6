package org.ferrymq.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;

/**
 * What {@link FerryResourceAdapter#getXAResources} hands the transaction manager: the XAResource
 * of one XA session, used only to list prepared branches after a crash and to commit or roll
 * them back. The session is opened on first use.
 *
 * <p>Threading: the recovery manager calls it from one thread at a time; methods are synchronized.
 */
final class RecoveryXAResource implements XAResource {
    private final XAConnection connection;
    private XASession session;

    RecoveryXAResource(XAConnection connection) {
        this.connection = connection;
    }

    private synchronized XAResource delegate() throws XAException {
        try {
            if (session == null) {
                session = connection.createXASession();
            }
            return session.getXAResource();
        } catch (JMSException e) {
            XAException x = new XAException(XAException.XAER_RMFAIL);
            x.initCause(e);
            throw x;
        }
    }

    @Override public Xid[] recover(int flag) throws XAException { return delegate().recover(flag); }
    @Override public void commit(Xid xid, boolean onePhase) throws XAException { delegate().commit(xid, onePhase); }
    @Override public void rollback(Xid xid) throws XAException { delegate().rollback(xid); }
    @Override public void forget(Xid xid) throws XAException { delegate().forget(xid); }
    @Override public int prepare(Xid xid) throws XAException { return delegate().prepare(xid); }
    @Override public void start(Xid xid, int flags) throws XAException { delegate().start(xid, flags); }
    @Override public void end(Xid xid, int flags) throws XAException { delegate().end(xid, flags); }
    @Override public boolean isSameRM(XAResource other) throws XAException { return other == this; }
    @Override public int getTransactionTimeout() throws XAException { return delegate().getTransactionTimeout(); }
    @Override public boolean setTransactionTimeout(int seconds) throws XAException { return delegate().setTransactionTimeout(seconds); }
}
