package org.ferrymq.broker.xa;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An XA transaction branch identifier (X/Open XA's XID, Java's {@code Xid}): format id, global
 * transaction id and branch qualifier, each id at most 64 bytes. Equal by content. Immutable.
 */
public final class BranchXid {
    public static final int MAX_ID_BYTES = 64;

    private final int formatId;
    private final byte[] globalId;
    private final byte[] branchQualifier;
    private final int hash;

    public BranchXid(int formatId, byte[] globalId, byte[] branchQualifier) {
        if (globalId.length > MAX_ID_BYTES || branchQualifier.length > MAX_ID_BYTES) {
            throw new XaFailure(XaCodes.XAER_INVAL, "a global id or branch qualifier is longer than 64 bytes");
        }
        if (formatId == -1) {
            throw new XaFailure(XaCodes.XAER_INVAL, "format id -1 is the null Xid");
        }
        this.formatId = formatId;
        this.globalId = globalId.clone();
        this.branchQualifier = branchQualifier.clone();
        this.hash = 31 * (31 * formatId + Arrays.hashCode(globalId)) + Arrays.hashCode(branchQualifier);
    }

    public int formatId() {
        return formatId;
    }

    public byte[] globalId() {
        return globalId.clone();
    }

    public byte[] branchQualifier() {
        return branchQualifier.clone();
    }

    /** The store key and wire form: format id (4 bytes), then each id with a one-byte length. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(6 + globalId.length + branchQualifier.length);
        out.putInt(formatId).put((byte) globalId.length).put(globalId).put((byte) branchQualifier.length).put(branchQualifier);
        return out.array();
    }

    public static BranchXid decode(ByteBuffer in) {
        int format = in.getInt();
        byte[] global = new byte[in.get() & 0xff];
        in.get(global);
        byte[] branch = new byte[in.get() & 0xff];
        in.get(branch);
        return new BranchXid(format, global, branch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchXid x && x.formatId == formatId && Arrays.equals(x.globalId, globalId)
                && Arrays.equals(x.branchQualifier, branchQualifier);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return formatId + ":" + HexFormat.of().formatHex(globalId) + ":" + HexFormat.of().formatHex(branchQualifier);
    }
}
