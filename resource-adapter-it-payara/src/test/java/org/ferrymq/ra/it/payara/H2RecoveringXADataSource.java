package org.ferrymq.ra.it.payara;

import java.io.PrintWriter;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.logging.Logger;

import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.h2.jdbcx.JdbcDataSource;

/**
 * H2's XA data source with one defect of its {@code XAResource} corrected: the one that left H2
 * branches in doubt after Payara's recovery in {@link PayaraExactlyOnceXaIT}.
 *
 * <p>H2's {@code JdbcXAConnection.rollback(xid)} (2.2.224 as Payara ships it, 2.3.232, 2.5.252)
 * sends {@code ROLLBACK TRANSACTION <xid>} only while a per-connection {@code prepared} flag is
 * set; {@code recover()} sets it once and every commit or rollback clears it. A transaction manager
 * resolving several recovered branches through one {@code XAResource} (Payara does, one per pool)
 * therefore rolls back the first for real; every later {@code rollback} only rolls back the
 * connection's own (empty) transaction and returns as if it had worked, leaving the branch
 * prepared, its rows locked. Here a rollback of a branch that is not this connection's own running
 * one re-arms the flag with {@code recover()} first, so H2 is told to roll back that branch.
 * Everything else is H2's own code.
 *
 * <p>Lives in the XA domain's {@code lib} (installed by the test, loaded by Payara's common class
 * loader beside Payara's {@code h2db/bin/h2.jar}); instances are used by whichever Payara thread
 * the pool hands the connection to, one at a time.
 */
public class H2RecoveringXADataSource implements XADataSource, Serializable {
    private static final long serialVersionUID = 1L;
    /** H2's data source ({@code JdbcDataSource} is final: wrapped, not extended); the pool's properties go to it. */
    private final JdbcDataSource h2 = new JdbcDataSource();

    public void setURL(String url) {
        h2.setURL(url);
    }

    public String getURL() {
        return h2.getURL();
    }

    public void setUser(String user) {
        h2.setUser(user);
    }

    public String getUser() {
        return h2.getUser();
    }

    public void setPassword(String password) {
        h2.setPassword(password);
    }

    @Override
    public XAConnection getXAConnection() throws SQLException {
        return new Wrapped(h2.getXAConnection());
    }

    @Override
    public XAConnection getXAConnection(String user, String password) throws SQLException {
        return new Wrapped(h2.getXAConnection(user, password));
    }

    @Override
    public PrintWriter getLogWriter() {
        return h2.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        h2.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) {
        h2.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return h2.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    /** H2's XA connection, handing out the corrected resource. */
    private static final class Wrapped implements XAConnection {
        private final XAConnection h2;
        private final Resource resource;

        Wrapped(XAConnection h2) throws SQLException {
            this.h2 = h2;
            this.resource = new Resource(h2.getXAResource());
        }

        @Override
        public XAResource getXAResource() {
            return resource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return h2.getConnection();
        }

        @Override
        public void close() throws SQLException {
            h2.close();
        }

        @Override
        public void addConnectionEventListener(ConnectionEventListener listener) {
            h2.addConnectionEventListener(listener);
        }

        @Override
        public void removeConnectionEventListener(ConnectionEventListener listener) {
            h2.removeConnectionEventListener(listener);
        }

        @Override
        public void addStatementEventListener(StatementEventListener listener) {
            h2.addStatementEventListener(listener);
        }

        @Override
        public void removeStatementEventListener(StatementEventListener listener) {
            h2.removeStatementEventListener(listener);
        }
    }

    /** Delegates to H2's resource; remembers the branch running on this connection, if any. */
    private static final class Resource implements XAResource {
        private final XAResource h2;
        /** Started on this connection and neither prepared nor finished: H2's plain rollback is right for it. */
        private Xid running;

        Resource(XAResource h2) {
            this.h2 = h2;
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            h2.start(xid, flags);
            running = xid;
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            h2.end(xid, flags);
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            if (same(xid, running)) {
                running = null;
            }
            return h2.prepare(xid);
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            if (same(xid, running)) {
                running = null;
            }
            h2.commit(xid, onePhase);
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            if (same(xid, running)) {
                running = null;
            } else {
                // a prepared branch (this connection's or a recovered one): make H2 send ROLLBACK TRANSACTION
                h2.recover(TMSTARTRSCAN | TMENDRSCAN);
            }
            h2.rollback(xid);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            h2.forget(xid);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return h2.recover(flag);
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return h2.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return h2.setTransactionTimeout(seconds);
        }

        private static boolean same(Xid a, Xid b) {
            return a != null && b != null && a.getFormatId() == b.getFormatId()
                    && Arrays.equals(a.getGlobalTransactionId(), b.getGlobalTransactionId())
                    && Arrays.equals(a.getBranchQualifier(), b.getBranchQualifier());
        }
    }
}
