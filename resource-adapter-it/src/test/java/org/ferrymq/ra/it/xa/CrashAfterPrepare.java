package org.ferrymq.ra.it.xa;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A third transaction branch whose prepare never returns: the transaction manager has prepared
 * the branches enlisted before it (the broker's and H2's) and written no decision yet. Its
 * prepare creates the marker file (system property {@code ferrymq.crash.marker}) the test waits
 * for before it SIGKILLs the server; the marker also makes it fire once per test run.
 *
 * <p>Threading: one per transaction, called by the transaction manager's thread.
 */
public class CrashAfterPrepare implements XAResource {
    private static Path marker() {
        return Path.of(System.getProperty("ferrymq.crash.marker"));
    }

    /** True the first time in a test run (the armed marker did not exist yet). */
    static boolean armOnce() {
        try {
            Files.createFile(Path.of(marker() + ".armed"));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        try {
            Files.writeString(marker(), xid.toString());
            Thread.sleep(Long.MAX_VALUE);   // until the test kills the server
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new XAException(XAException.XAER_RMFAIL);
    }

    @Override public void start(Xid xid, int flags) { }
    @Override public void end(Xid xid, int flags) { }
    @Override public void commit(Xid xid, boolean onePhase) { }
    @Override public void rollback(Xid xid) { }
    @Override public void forget(Xid xid) { }
    @Override public Xid[] recover(int flag) { return new Xid[0]; }
    @Override public boolean isSameRM(XAResource other) { return other == this; }
    @Override public int getTransactionTimeout() { return 0; }
    @Override public boolean setTransactionTimeout(int seconds) { return false; }
}
