package org.ferrymq.ra.it.xa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * The exactly-once bean: container-managed transaction (XA delivery through the FerryMQ
 * adapter), one row per message in an H2 XA data source, the message's number {@code n} as the
 * primary key. A message with {@code crashAfterPrepare=true} also enlists a {@link CrashAfterPrepare},
 * enlisted after the broker and H2, so the server can be killed with both branches prepared.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = ExactlyOnceMdb.QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
    @ActivationConfigProperty(propertyName = "maxDeliveryAttempts", propertyValue = "10"),
    @ActivationConfigProperty(propertyName = "deadLetterQueue", propertyValue = ExactlyOnceMdb.QUEUE + ".dlq")})
public class ExactlyOnceMdb implements MessageListener {
    public static final String QUEUE = "ra-it.exactly-once";

    @Resource(lookup = "java:/jdbc/ExactlyOnceDS")
    DataSource db;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager tm;

    @Override
    public void onMessage(Message message) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO received (n, delivery) VALUES (?, ?)")) {
            s.setInt(1, message.getIntProperty("n"));
            s.setInt(2, message.getIntProperty("JMSXDeliveryCount"));
            s.executeUpdate();
            if (message.getBooleanProperty("crashAfterPrepare") && CrashAfterPrepare.armOnce()) {
                tm.getTransaction().enlistResource(new CrashAfterPrepare());
            }
        } catch (SQLException | JMSException | SystemException | jakarta.transaction.RollbackException e) {
            throw new EJBException(e);
        }
    }
}
