package org.ferrymq.ra.it.payara;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * XA sending from a bean: in one container-managed JTA transaction, sends a message through the
 * adapter's pooled factory ({@code jms/ferrymq/CF}, installed with {@code FERRYMQ_TX=XATransaction})
 * and inserts a row into an H2 XA data source ({@code jdbc/XaSendsDS}); with {@code rollback}
 * it then marks the transaction rollback-only, so neither may happen.
 */
@Stateless
public class XaSenderBean {
    @Resource(lookup = "jms/ferrymq/CF")
    ConnectionFactory factory;

    @Resource(lookup = "jdbc/XaSendsDS")
    DataSource db;

    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void sendAndInsert(String queue, String text, boolean rollback) {
        try (JMSContext jms = factory.createContext(); Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO sent (text) VALUES (?)")) {
            jms.createProducer().send(jms.createQueue(queue), text);
            s.setString(1, text);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        if (rollback) {
            context.setRollbackOnly();
        }
    }
}
