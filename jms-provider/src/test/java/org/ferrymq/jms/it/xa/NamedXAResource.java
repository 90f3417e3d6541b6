package org.ferrymq.jms.it.xa;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.jboss.tm.XAResourceWrapper;

/**
 * An XAResource with the name of the resource manager behind it, as an application server's
 * connector layer presents resources to Narayana (IronJacamar wraps each one in an
 * {@link XAResourceWrapper} carrying its JNDI name). Narayana keeps the name in its log; when
 * recovery finds no resource listing a logged branch, it takes the branch as finished only if a
 * resource of that name answered {@code recover} in the same scan. Without a name the choice
 * is between retrying forever and assuming completion ({@code xaAssumeRecoveryComplete}), which
 * while a resource manager is down would forget a commit decision and let recovery presume an
 * abort later.
 *
 * <p>Threading: as thread-safe as the resource it wraps.
 */
final class NamedXAResource implements XAResourceWrapper {
    private final XAResource delegate;
    private final String name;

    NamedXAResource(XAResource delegate, String name) {
        this.delegate = delegate;
        this.name = name;
    }

    @Override public XAResource getResource() { return delegate; }
    @Override public String getProductName() { return name; }
    @Override public String getProductVersion() { return "test"; }
    @Override public String getJndiName() { return name; }

    @Override public void start(Xid xid, int flags) throws XAException { told("start", xid, () -> { delegate.start(xid, flags); return null; }); }
    @Override public void end(Xid xid, int flags) throws XAException { told("end", xid, () -> { delegate.end(xid, flags); return null; }); }
    @Override public int prepare(Xid xid) throws XAException { return told("prepare", xid, () -> delegate.prepare(xid)); }
    @Override public void commit(Xid xid, boolean onePhase) throws XAException { told(onePhase ? "commit-1pc" : "commit", xid, () -> { delegate.commit(xid, onePhase); return null; }); }
    @Override public void rollback(Xid xid) throws XAException { told("rollback", xid, () -> { delegate.rollback(xid); return null; }); }
    @Override public void forget(Xid xid) throws XAException { told("forget", xid, () -> { delegate.forget(xid); return null; }); }

    @Override
    public Xid[] recover(int flag) throws XAException {
        Xid[] xids = delegate.recover(flag);
        if (tellCalls && xids.length > 0) {
            StringBuilder listed = new StringBuilder();
            for (Xid x : xids) {
                listed.append(' ').append(transactionOf(x));
            }
            tell("xa " + name + " recover lists" + listed);
        }
        return xids;
    }

    /** The crash tests' worker prints every completion call and its outcome, so a failed run can be explained. */
    static volatile boolean tellCalls;

    private interface Call<T> {
        T run() throws XAException;
    }

    private <T> T told(String operation, Xid xid, Call<T> call) throws XAException {
        if (!tellCalls || "start".equals(operation) || "end".equals(operation)) {
            return call.run();
        }
        try {
            T result = call.run();
            tell("xa " + name + " " + operation + " " + transactionOf(xid) + " -> " + (result == null ? "ok" : result));
            return result;
        } catch (XAException e) {
            tell("xa " + name + " " + operation + " " + transactionOf(xid) + " -> XAException " + e.errorCode);
            throw e;
        } catch (RuntimeException e) {
            tell("xa " + name + " " + operation + " " + transactionOf(xid) + " -> " + e);
            throw e;
        }
    }

    /** Narayana's transaction uid inside the Xid's text, as the worker's own lines name transactions. */
    private static String transactionOf(Xid xid) {
        String text = String.valueOf(xid);
        int at = text.indexOf("tx_uid=");
        if (at < 0) {
            return text;
        }
        int end = text.indexOf(',', at);
        return text.substring(at + "tx_uid=".length(), end < 0 ? text.length() : end);
    }

    private static void tell(String line) {
        System.out.println(java.time.LocalTime.now() + " [" + Thread.currentThread().getName() + "] " + line);
    }
    @Override public int getTransactionTimeout() throws XAException { return delegate.getTransactionTimeout(); }
    @Override public boolean setTransactionTimeout(int seconds) throws XAException { return delegate.setTransactionTimeout(seconds); }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        XAResource unwrapped = other instanceof NamedXAResource named ? named.delegate : other;
        return delegate.isSameRM(unwrapped);
    }
}
