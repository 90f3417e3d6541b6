package org.ferrymq.ra.it;

import java.util.Collections;
import java.util.List;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;

import org.ferrymq.jms.FerryConnectionFactory;

/** What a broker still holds after a test: ready messages, dead letters, prepared XA branches. */
public final class BrokerState {
    private BrokerState() {
    }

    /** Messages ready in the queue (a browser sees those; a consumer's unacked ones are not counted). */
    public static int queueDepth(String uri, String queue) throws JMSException {
        try (Connection c = new FerryConnectionFactory(uri).createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(queue));
            c.start();
            return Collections.list(browser.getEnumeration()).size();
        }
    }

    /** The dead-letter queue is declared by the first message dead-lettered: none means nothing was. */
    public static int deadLettered(String uri, String deadLetterQueue) throws JMSException {
        try {
            return queueDepth(uri, deadLetterQueue);
        } catch (jakarta.jms.InvalidDestinationException e) {
            return 0;
        }
    }

    /** Every XA branch the broker holds prepared (any server's). */
    public static List<Xid> prepared(String uri) throws Exception {
        XAConnection c = new FerryConnectionFactory(uri).createXAConnection();
        try {
            XAResource xa = c.createXASession().getXAResource();
            return List.of(xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
        } finally {
            c.close();
        }
    }
}
