package org.ferrymq.jms.simplified;

import javax.transaction.xa.XAResource;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;

import org.ferrymq.jms.FerryXAConnection;
import org.ferrymq.jms.FerryXASession;

/**
 * The simplified API's XA flavour: a context whose one session is a {@link FerryXASession}, so
 * its {@link #getXAResource()} enlists the context's sends and receives in a distributed
 * transaction. Commit and rollback belong to the transaction manager.
 *
 * <p>Threading: like a session, one thread at a time; the XAResource from any thread.
 */
public final class FerryXAJMSContext extends FerryJmsContext implements XAJMSContext {
    private final FerryXAConnection connection;

    public FerryXAJMSContext(FerryXAConnection connection) {
        super(connection, JMSContext.SESSION_TRANSACTED);
        this.connection = connection;
    }

    @Override
    protected Session newSession() throws JMSException {
        return connection.createXASession();
    }

    @Override
    public JMSContext getContext() {
        session();   // throws if closed
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((FerryXASession) session()).getXAResource();
    }

    @Override
    public boolean getTransacted() {
        session();
        return true;
    }

    @Override
    public void commit() {
        session();
        throw new TransactionInProgressRuntimeException("an XAJMSContext is committed by its transaction manager through its XAResource");
    }

    @Override
    public void rollback() {
        session();
        throw new TransactionInProgressRuntimeException("an XAJMSContext is rolled back by its transaction manager through its XAResource");
    }
}
