package org.ferrymq.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link FerryResourceAdapter#getXAResources} hands the transaction manager: the XAResource
 * of one XA session, used only to list prepared branches after a crash and to commit or roll
 * them back. The adapter keeps one per broker and credentials for its whole life (a recovery
 * manager may ask for resources on every scan), so its connection is opened on first use,
 * reopened after the broker was lost, and closed when the adapter stops.
 *
 * <p>Threading: the recovery manager calls it from one thread at a time; methods are synchronized.
 */
final class RecoveryXAResource implements XAResource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryXAResource.class);

    private final XAConnectionFactory factory;
    private final String user;
    private final String password;
    private XAConnection connection;
    private XASession session;

    RecoveryXAResource(XAConnectionFactory factory, String user, String password) {
        this.factory = factory;
        this.user = user;
        this.password = password;
    }

    private interface Call<T> {
        T on(XAResource resource) throws XAException;
    }

    private synchronized <T> T call(Call<T> call) throws XAException {
        XAResource resource;
        try {
            if (session == null) {
                connection = user == null ? factory.createXAConnection() : factory.createXAConnection(user, password);
                session = connection.createXASession();
            }
            resource = session.getXAResource();
        } catch (JMSException e) {
            close();
            XAException x = new XAException(XAException.XAER_RMFAIL);
            x.initCause(e);
            throw x;
        }
        try {
            return call.on(resource);
        } catch (XAException e) {
            if (e.errorCode == XAException.XAER_RMFAIL) {
                close();   // the broker is gone: the next scan connects again
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        XAConnection open = connection;
        connection = null;
        session = null;
        if (open != null) {
            try {
                open.close();
            } catch (JMSException e) {
                LOG.debug("closing the XA recovery connection: {}", e.toString());
            }
        }
    }

    @Override public Xid[] recover(int flag) throws XAException { return call(r -> r.recover(flag)); }
    @Override public void commit(Xid xid, boolean onePhase) throws XAException { call(r -> { r.commit(xid, onePhase); return null; }); }
    @Override public void rollback(Xid xid) throws XAException { call(r -> { r.rollback(xid); return null; }); }
    @Override public void forget(Xid xid) throws XAException { call(r -> { r.forget(xid); return null; }); }
    @Override public int prepare(Xid xid) throws XAException { return call(r -> r.prepare(xid)); }
    @Override public void start(Xid xid, int flags) throws XAException { call(r -> { r.start(xid, flags); return null; }); }
    @Override public void end(Xid xid, int flags) throws XAException { call(r -> { r.end(xid, flags); return null; }); }
    @Override public boolean isSameRM(XAResource other) throws XAException { return other == this; }
    @Override public int getTransactionTimeout() throws XAException { return call(XAResource::getTransactionTimeout); }
    @Override public boolean setTransactionTimeout(int seconds) throws XAException { return call(r -> r.setTransactionTimeout(seconds)); }
}
