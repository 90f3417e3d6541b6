package org.ferrymq.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnectionFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection an activation or a pooled connection needs: an XAConnection when XA is
 * wanted and the provider's factory offers it, a plain one otherwise, and a plain one when the
 * broker has no distributed transactions (plain RabbitMQ), which the provider says at once.
 */
public final class XaConnections {
    private static final Logger LOG = LoggerFactory.getLogger(XaConnections.class);
    private static volatile boolean warned;

    private XaConnections() {
    }

    public static Connection open(ConnectionFactory factory, boolean wantXa, String user, String password) throws JMSException {
        if (wantXa && (Object) factory instanceof XAConnectionFactory xa) {
            try {
                return user == null ? xa.createXAConnection() : xa.createXAConnection(user, password);
            } catch (JMSException e) {
                if (e.getMessage() == null || !e.getMessage().contains("no distributed (XA) transactions")) {
                    throw e;
                }
                if (!warned) {
                    warned = true;
                    LOG.warn("{}; transacted delivery and sending use local JMS transactions instead", e.getMessage());
                }
            }
        }
        return user == null ? factory.createConnection() : factory.createConnection(user, password);
    }
}
