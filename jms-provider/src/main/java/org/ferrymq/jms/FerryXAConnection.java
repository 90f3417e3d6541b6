package org.ferrymq.jms;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;

import org.ferrymq.jms.provider.Provider;

/**
 * A connection to a FerryMQ broker that announced its XA extension; besides ordinary sessions it
 * creates {@link FerryXASession}s. {@link FerryConnectionFactory} makes one only after checking
 * that the broker has distributed transactions.
 *
 * <p>Threading: thread-safe, as any connection.
 */
public final class FerryXAConnection extends FerryConnection implements XAConnection, XAQueueConnection, XATopicConnection {
    FerryXAConnection(String connectionId, FerryJmsConfig config, Provider provider) throws JMSException {
        super(connectionId, config, provider);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return (XASession) addSession(c -> new FerryXASession(c, FerrySession.Domain.ANY));
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return (XAQueueSession) addSession(c -> new FerryXASession(c, FerrySession.Domain.QUEUE));
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return (XATopicSession) addSession(c -> new FerryXASession(c, FerrySession.Domain.TOPIC));
    }
}
