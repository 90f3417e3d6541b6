package org.ferrymq.jms;

import javax.transaction.xa.XAResource;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;

/**
 * A session whose work is done in distributed transactions: its {@link XAResource} associates
 * the session's channel with a broker-side branch, and the sends and acknowledgements made
 * while it is associated take effect when the transaction manager commits. Commit and rollback
 * belong to the transaction manager, so the session's own {@code commit()}/{@code rollback()}
 * are TransactionInProgressException. Outside a transaction it acknowledges like
 * AUTO_ACKNOWLEDGE (see {@link SessionAcks}).
 *
 * <p>Threading: as any session; its XAResource may be called from any thread.
 */
public final class FerryXASession extends FerrySession implements XASession, XAQueueSession, XATopicSession {
    private final FerryXAResource resource;

    FerryXASession(FerryConnection connection, Domain domain) throws JMSException {
        super(connection, Session.AUTO_ACKNOWLEDGE, domain);
        this.resource = new FerryXAResource(this);
        acks().useXa(resource);
    }

    @Override
    public Session getSession() throws JMSException {
        getAcknowledgeMode();   // throws if closed
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        return (QueueSession) getSession();
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        return (TopicSession) getSession();
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    @Override
    public boolean getTransacted() throws JMSException {
        super.getTransacted();
        return true;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        super.getAcknowledgeMode();
        return Session.SESSION_TRANSACTED;
    }

    @Override
    public void commit() throws JMSException {
        getAcknowledgeMode();
        throw new TransactionInProgressException("an XASession is committed by its transaction manager through its XAResource");
    }

    @Override
    public void rollback() throws JMSException {
        getAcknowledgeMode();
        throw new TransactionInProgressException("an XASession is rolled back by its transaction manager through its XAResource");
    }

    @Override
    public void recover() throws JMSException {
        getAcknowledgeMode();
        throw new IllegalStateException("recover() on an XASession; its transaction manager rolls back instead");
    }
}
