package org.ferrymq.examples.takeaway.ee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;

/**
 * The orders table (the application's own XA data source: an in-memory H2 database of the server's
 * H2 module). Every method joins the caller's transaction, so an MDB's status update commits or rolls
 * back together with the receipt of its message. Stateless: the container gives each call its own instance.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/Takeaway",
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:takeaway;DB_CLOSE_DELAY=-1",
        user = "sa",
        password = "sa")
@Stateless
public class OrderStore {
    private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS takeaway_order (id VARCHAR(64) PRIMARY KEY, "
            + "city VARCHAR(64), dish VARCHAR(200), restaurant VARCHAR(200), rider VARCHAR(200))";
    private static volatile boolean schemaCreated;

    @Resource(lookup = "java:app/jdbc/Takeaway")
    private DataSource dataSource;

    public void placed(String id, String city, String dish) {
        update("MERGE INTO takeaway_order (id, city, dish) KEY (id) VALUES (?, ?, ?)", id, city, dish);
    }

    /** The restaurant's step; the row may not exist yet (an order placed by pika). */
    public void restaurant(String id, String city, String dish, String status) {
        upsert(id, city, dish, "restaurant", status);
    }

    public void rider(String id, String city, String dish, String status) {
        upsert(id, city, dish, "rider", status);
    }

    public Optional<Order> find(String id) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, city, dish, restaurant, rider FROM takeaway_order WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Order(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /**
     * Sets one step's column, creating the row if the order is not known yet. If the other MDB
     * creates it at the same moment, the insert fails on the key, the transaction rolls back and
     * the redelivered message finds the row.
     */
    private void upsert(String id, String city, String dish, String column, String status) {
        if (update("UPDATE takeaway_order SET " + column + " = ? WHERE id = ?", status, id) == 0) {
            update("INSERT INTO takeaway_order (id, city, dish, " + column + ") VALUES (?, ?, ?, ?)", id, city, dish, status);
        }
    }

    private int update(String sql, String... args) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    private Connection connection() throws SQLException {
        if (!schemaCreated) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(SCHEMA);
            }
            schemaCreated = true;
        }
        return dataSource.getConnection();
    }
}
