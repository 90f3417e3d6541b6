package org.ferrymq.jms.it.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.h2.jdbcx.JdbcDataSource;

/** What the XA tests share: H2 as the second XA resource, Xids, and an XAException check. */
final class XaTestSupport {
    private static final AtomicLong XIDS = new AtomicLong();

    private XaTestSupport() {
    }

    /** An H2 XA data source with an {@code orders} table (id primary key). */
    static JdbcDataSource database(String url) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(100) PRIMARY KEY)");
        }
        return ds;
    }

    static JdbcDataSource memoryDatabase() throws SQLException {
        return database("jdbc:h2:mem:xa-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    static void insert(XAConnection db, String id) throws SQLException {
        try (PreparedStatement p = db.getConnection().prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }

    static List<String> rows(JdbcDataSource ds) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    static Xid xid() {
        long n = XIDS.incrementAndGet();
        byte[] global = ByteBuffer.allocate(24).putLong(System.nanoTime()).putLong(n).putLong(ProcessHandle.current().pid()).array();
        return new TestXid(0x4652, global, new byte[] {1});
    }

    static void assertXaError(XaCall call, int code) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(XAException.class);
        assertThat(((XAException) thrown).errorCode).as(thrown.getMessage()).isEqualTo(code);
    }

    @FunctionalInterface
    interface XaCall {
        void run() throws Exception;
    }

    record TestXid(int formatId, byte[] global, byte[] branch) implements Xid {
        @Override public int getFormatId() { return formatId; }
        @Override public byte[] getGlobalTransactionId() { return global.clone(); }
        @Override public byte[] getBranchQualifier() { return branch.clone(); }

        static boolean same(Xid a, Xid b) {
            return a.getFormatId() == b.getFormatId() && Arrays.equals(a.getGlobalTransactionId(), b.getGlobalTransactionId())
                    && Arrays.equals(a.getBranchQualifier(), b.getBranchQualifier());
        }
    }

    /** Records how a transaction manager drives a resource (to see a one-phase commit). */
    static class RecordingXAResource implements XAResource {
        final XAResource delegate;
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        RecordingXAResource(XAResource delegate) {
            this.delegate = delegate;
        }

        @Override public void commit(Xid xid, boolean onePhase) throws XAException { calls.add("commit onePhase=" + onePhase); delegate.commit(xid, onePhase); }
        @Override public void end(Xid xid, int flags) throws XAException { calls.add("end " + flags); delegate.end(xid, flags); }
        @Override public void forget(Xid xid) throws XAException { calls.add("forget"); delegate.forget(xid); }
        @Override public int getTransactionTimeout() throws XAException { return delegate.getTransactionTimeout(); }
        @Override public boolean isSameRM(XAResource other) throws XAException { return other == this; }
        @Override public int prepare(Xid xid) throws XAException { calls.add("prepare"); return delegate.prepare(xid); }
        @Override public Xid[] recover(int flag) throws XAException { return delegate.recover(flag); }
        @Override public void rollback(Xid xid) throws XAException { calls.add("rollback"); delegate.rollback(xid); }
        @Override public boolean setTransactionTimeout(int seconds) throws XAException { return delegate.setTransactionTimeout(seconds); }
        @Override public void start(Xid xid, int flags) throws XAException { calls.add("start " + flags); delegate.start(xid, flags); }
    }
}
