package org.ferrymq.ra.it.payara;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.ferrymq.ra.it.xa.CrashAfterPrepare;

/**
 * The exactly-once bean in Payara: container-managed transaction (XA delivery through the FerryMQ
 * adapter, bound by the {@code resourceAdapter} activation property), one row per message in an
 * H2 XA data source ({@code jdbc/ExactlyOnceDS}), the message's number {@code n} as the primary
 * key. The message marked {@code crashAfterPrepare=true} also enlists the WildFly test's
 * {@link CrashAfterPrepare} after the broker and H2, whose prepare blocks until the server is
 * killed (once per run: a second marker file arms it).
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "ferrymq-ra"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = PayaraExactlyOnceMdb.QUEUE),
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4"),
    @ActivationConfigProperty(propertyName = "maxDeliveryAttempts", propertyValue = "10"),
    @ActivationConfigProperty(propertyName = "deadLetterQueue", propertyValue = PayaraExactlyOnceMdb.QUEUE + ".dlq")})
public class PayaraExactlyOnceMdb implements MessageListener {
    public static final String QUEUE = "payara-it.exactly-once";

    @Resource(lookup = "jdbc/ExactlyOnceDS")
    DataSource db;

    /** GlassFish's (and Payara's) name for the transaction manager. */
    @Resource(lookup = "java:appserver/TransactionManager")
    TransactionManager tm;

    @Override
    public void onMessage(Message message) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO received (n, delivery) VALUES (?, ?)")) {
            s.setInt(1, message.getIntProperty("n"));
            s.setInt(2, message.getIntProperty("JMSXDeliveryCount"));
            s.executeUpdate();
            if (message.getBooleanProperty("crashAfterPrepare") && armOnce()) {
                tm.getTransaction().enlistResource(new CrashAfterPrepare());
            }
        } catch (SQLException | JMSException | SystemException | RollbackException e) {
            throw new EJBException(e);
        }
    }

    private static boolean armOnce() {
        try {
            Files.createFile(Path.of(System.getProperty("ferrymq.crash.marker") + ".armed"));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
