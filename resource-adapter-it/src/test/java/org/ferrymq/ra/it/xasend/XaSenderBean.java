package org.ferrymq.ra.it.xasend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * A stateless bean with container-managed transactions (REQUIRED, the default) that inserts a row
 * into an H2 XA data source and sends to FerryMQ in the same JTA transaction, then commits, marks
 * the transaction rollback-only, or throws a runtime exception (a system exception: rollback).
 * Sends go through one of the adapter's pooled factories: {@code xa} (both {@code @Resource
 * ConnectionFactory} with the classic API and {@code @Inject JMSContext}), {@code local}
 * ({@code LocalTransaction}) or {@code notx} ({@code NoTransaction}).
 */
@Stateless
public class XaSenderBean {
    public static final String DATA_SOURCE = "java:/jdbc/FerryXaSendDS";

    @Resource(lookup = "java:/jms/ferrymq/CF")
    private ConnectionFactory xaFactory;

    @Inject
    @JMSConnectionFactory("java:/jms/ferrymq/CF")
    private JMSContext injected;

    @Resource(lookup = "java:/jms/ferrymq/LocalCF")
    private ConnectionFactory localFactory;

    @Resource(lookup = "java:/jms/ferrymq/NoTxCF")
    private ConnectionFactory noTxFactory;

    @Resource(lookup = DATA_SOURCE)
    private DataSource db;

    @Resource
    private SessionContext context;

    /** Row {@code key}, the messages {@code key-...} to {@code queue}, then {@code outcome}: commit, rollbackOnly or throw. */
    public void insertAndSend(String factory, String queue, String key, String outcome) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO sent (k) VALUES (?)")) {
            s.setString(1, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        switch (factory) {
            case "xa" -> {
                sendClassic(xaFactory, queue, key + "-resource");
                injected.createProducer().send(injected.createQueue(queue), key + "-inject");
            }
            case "local" -> sendClassic(localFactory, queue, key + "-local");
            case "notx" -> sendClassic(noTxFactory, queue, key + "-notx");
            default -> throw new IllegalArgumentException("factory " + factory);
        }
        switch (outcome) {
            case "commit" -> { }
            case "rollbackOnly" -> context.setRollbackOnly();
            case "throw" -> throw new IllegalStateException("the bean fails on purpose after sending");
            default -> throw new IllegalArgumentException("outcome " + outcome);
        }
    }

    /** The classic API as a container user writes it: arguments of createSession ignored inside a transaction. */
    private static void sendClassic(ConnectionFactory factory, String queue, String text) {
        try (jakarta.jms.Connection connection = factory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.send(session.createTextMessage(text));
        } catch (JMSException e) {
            throw new EJBException(e);
        }
    }

    /** How many rows carry {@code key}. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int rows(String key) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM sent WHERE k = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void createTable() {
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS sent (k VARCHAR(100))");
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
