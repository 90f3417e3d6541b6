package org.ferrymq.jms.provider;

/**
 * One FerryMQ {@code tx.xa} request (class 90, method 100; the README's extension table is its
 * specification): an XA operation with its {@code XAResource} flags, the Xid, and for start the
 * branch timeout in seconds. Immutable apart from the id arrays, which nobody changes.
 */
public record XaRequest(int operation, int flags, int formatId, byte[] globalId, byte[] branchQualifier,
                        int timeoutSeconds) {
    public static final int START = 1;
    public static final int END = 2;
    public static final int PREPARE = 3;
    public static final int COMMIT = 4;
    public static final int ROLLBACK = 5;
    public static final int FORGET = 6;
    public static final int RECOVER = 7;
    public static final int IDENTIFY = 8;

    private static final byte[] NONE = new byte[0];

    /** An operation that names no Xid (recover, identify). */
    public static XaRequest of(int operation, int flags) {
        return new XaRequest(operation, flags, 0, NONE, NONE, 0);
    }
}
