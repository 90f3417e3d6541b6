package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

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
