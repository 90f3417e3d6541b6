package org.ferrymq.broker.amqp.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * FerryMQ's XA extension method {@code tx.xa} (class 90, method 100): one operation on a
 * distributed transaction branch, sent by a client only when the server announced the
 * {@code ferrymq.xa} capability. The reply is a {@code basic.get-ok} whose message-count is the
 * XA return code and whose body carries data (the Xids of a recover); the README's
 * "FerryMQ's AMQP extensions" table is the specification.
 *
 * <p>Arguments, in order: {@code operation} short, {@code flags} long (the {@code XAResource}
 * flags, as an int), {@code format-id} long, {@code global-id} longstr (bytes),
 * {@code branch-qualifier} longstr (bytes), {@code timeout} long (seconds, start only).
 * Immutable apart from the byte arrays, which nobody changes.
 */
public record AmqpTxXa(int operation, int flags, int formatId, byte[] globalId, byte[] branchQualifier,
                       int timeoutSeconds) implements AmqpMethod {
    public static final int CLASS_ID = 90;
    public static final int METHOD_ID = 100;

    public static final int START = 1;
    public static final int END = 2;
    public static final int PREPARE = 3;
    public static final int COMMIT = 4;
    public static final int ROLLBACK = 5;
    public static final int FORGET = 6;
    public static final int RECOVER = 7;
    /** Answers with the resource manager's identity in the body (UTF-8), for {@code isSameRM}. */
    public static final int IDENTIFY = 8;

    /** The routing key of the {@code basic.get-ok} that answers a {@code tx.xa}. */
    public static final String REPLY_ROUTING_KEY = "ferrymq.xa-ok";

    private static final byte[] NONE = new byte[0];

    /** An operation that names no Xid (recover, identify). */
    public static AmqpTxXa of(int operation, int flags) {
        return new AmqpTxXa(operation, flags, 0, NONE, NONE, 0);
    }

    /** One Xid of recover's answer. Immutable apart from the byte arrays, which nobody changes. */
    public record RecoveredXid(int formatId, byte[] globalId, byte[] branchQualifier) {
    }

    /**
     * The body of the answer to {@link #RECOVER}: the count (int), then each Xid as its format id
     * (int), the global id's length (one unsigned byte) and bytes, the branch qualifier's length
     * (one unsigned byte) and bytes; big-endian. Each id is at most 64 bytes (X/Open XA).
     */
    public static byte[] encodeRecovered(List<RecoveredXid> xids) {
        int size = 4;
        for (RecoveredXid x : xids) {
            size += 6 + x.globalId().length + x.branchQualifier().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(xids.size());
        for (RecoveredXid x : xids) {
            out.putInt(x.formatId()).put((byte) x.globalId().length).put(x.globalId())
                    .put((byte) x.branchQualifier().length).put(x.branchQualifier());
        }
        return out.array();
    }

    /** Reads what {@link #encodeRecovered} wrote. */
    public static List<RecoveredXid> decodeRecovered(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        int count = in.getInt();
        List<RecoveredXid> xids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int format = in.getInt();
            byte[] global = new byte[in.get() & 0xff];
            in.get(global);
            byte[] branch = new byte[in.get() & 0xff];
            in.get(branch);
            xids.add(new RecoveredXid(format, global, branch));
        }
        return xids;
    }

    /** The arguments as they go on the wire (what {@link #writeArguments} writes), for clients with their own framing. */
    public byte[] argumentBytes() {
        ByteBuf out = Unpooled.buffer(18 + globalId.length + branchQualifier.length);
        try {
            writeArguments(out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    public static AmqpTxXa read(ByteBuf in) {
        int operation = in.readUnsignedShort();
        int flags = in.readInt();
        int formatId = in.readInt();
        byte[] global = AmqpWire.readLongBytes(in);
        byte[] branch = AmqpWire.readLongBytes(in);
        int timeout = in.readInt();
        return new AmqpTxXa(operation, flags, formatId, global, branch, timeout);
    }

    @Override
    public int classId() {
        return CLASS_ID;
    }

    @Override
    public int methodId() {
        return METHOD_ID;
    }

    @Override
    public boolean hasContent() {
        return false;
    }

    @Override
    public String amqpName() {
        return "tx.xa";
    }

    @Override
    public void writeArguments(ByteBuf out) {
        out.writeShort(operation);
        out.writeInt(flags);
        out.writeInt(formatId);
        AmqpWire.writeLongBytes(out, globalId);
        AmqpWire.writeLongBytes(out, branchQualifier);
        out.writeInt(timeoutSeconds);
    }
}
