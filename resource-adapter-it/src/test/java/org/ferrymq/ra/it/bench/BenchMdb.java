package org.ferrymq.ra.it.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * The benchmark's one MDB body, deployed four times (FerryMQ / Artemis, no transaction / XA):
 * reads the text, with {@code xa} inserts one row into the application's XA data source in the
 * container's transaction, and counts.
 */
public abstract class BenchMdb implements MessageListener {
    @Resource(lookup = "java:app/jdbc/Bench")
    private DataSource dataSource;

    protected abstract String name();

    protected abstract boolean insertsRow();

    @Override
    public void onMessage(Message message) {
        BenchStats stats = BenchStats.of(name());
        stats.started();
        try {
            String text = message.getBody(String.class);
            if (insertsRow()) {
                try (Connection c = dataSource.getConnection();
                        PreparedStatement s = c.prepareStatement("INSERT INTO bench_row (mdb, body) VALUES (?, ?)")) {
                    s.setString(1, name());
                    s.setString(2, text);
                    s.executeUpdate();
                }
            }
            stats.handled();
        } catch (JMSException | SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            stats.ended();
        }
    }
}
