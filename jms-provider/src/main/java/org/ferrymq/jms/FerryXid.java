package org.ferrymq.jms;

import java.util.Arrays;

import javax.transaction.xa.Xid;

/** An Xid read back from the broker by {@code XAResource.recover}, or a value copy of any Xid; equal to any Xid with the same parts. Immutable. */
final class FerryXid implements Xid {
    private final int formatId;
    private final byte[] globalId;
    private final byte[] branchQualifier;

    FerryXid(int formatId, byte[] globalId, byte[] branchQualifier) {
        this.formatId = formatId;
        this.globalId = globalId.clone();
        this.branchQualifier = branchQualifier.clone();
    }

    /** A value copy of any Xid, to key a map by. */
    static FerryXid of(Xid xid) {
        return xid instanceof FerryXid f ? f : new FerryXid(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xid x && x.getFormatId() == formatId && Arrays.equals(x.getGlobalTransactionId(), globalId)
                && Arrays.equals(x.getBranchQualifier(), branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        return "FerryXid[" + formatId + ":" + java.util.HexFormat.of().formatHex(globalId) + ":"
                + java.util.HexFormat.of().formatHex(branchQualifier) + "]";
    }
}
