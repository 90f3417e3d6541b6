package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Writes the frames the broker sends (spec section 4.2.3): straight into the caller's buffer,
 * no intermediate arrays; lengths are back-patched. Stateless.
 */
public final class AmqpFrameWriter {
    /** {@code AMQP 0 0 9 1}, what a 0-9-1 peer opens with (spec section 4.2.2). */
    public static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    static final int FRAME_METHOD = 1;
    static final int FRAME_HEADER = 2;
    static final int FRAME_BODY = 3;
    static final int FRAME_HEARTBEAT = 8;
    static final int FRAME_END = 0xCE;
    /** Type, channel and size before the payload, frame-end after it. */
    static final int FRAME_OVERHEAD = 8;

    private static final byte[] HEARTBEAT = {FRAME_HEARTBEAT, 0, 0, 0, 0, 0, 0, (byte) FRAME_END};

    private AmqpFrameWriter() {
    }

    public static void writeMethod(ByteBuf out, int channel, AmqpMethod method) {
        int frameStart = out.writerIndex();
        out.writeByte(FRAME_METHOD);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        out.writeShort(method.classId());
        out.writeShort(method.methodId());
        try {
            method.writeArguments(out);
        } catch (RuntimeException e) {
            out.writerIndex(frameStart); // never leave half a frame behind
            throw e;
        }
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(FRAME_END);
    }

    /**
     * Writes a content header frame, then the body in frames of at most {@code frameMax} bytes
     * each (frame overhead included); {@code frameMax} 0 means unlimited. An empty body has no
     * body frame.
     */
    public static void writeContent(ByteBuf out, int channel, int classId, byte[] rawProperties, byte[] body,
                                    int frameMax) {
        int headerSize = 12 + rawProperties.length;
        out.writeByte(FRAME_HEADER);
        out.writeShort(channel);
        out.writeInt(headerSize);
        out.writeShort(classId);
        out.writeShort(0); // weight, unused
        out.writeLong(body.length);
        out.writeBytes(rawProperties);
        out.writeByte(FRAME_END);
        writeBody(out, channel, body, frameMax);
    }

    /** {@link #writeContent(ByteBuf, int, int, byte[], byte[], int)} for basic properties not yet encoded. */
    public static void writeContent(ByteBuf out, int channel, AmqpBasicProperties properties, byte[] body,
                                    int frameMax) {
        out.writeByte(FRAME_HEADER);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        out.writeShort(60);
        out.writeShort(0);
        out.writeLong(body.length);
        properties.encode(out);
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(FRAME_END);
        writeBody(out, channel, body, frameMax);
    }

    /** A content-bearing method and its content (basic.deliver, basic.get-ok, basic.return). */
    public static void writeCommand(ByteBuf out, int channel, AmqpMethod method, byte[] rawProperties, byte[] body,
                                    int frameMax) {
        writeMethod(out, channel, method);
        writeContent(out, channel, method.classId(), rawProperties, body, frameMax);
    }

    public static void writeHeartbeat(ByteBuf out) {
        out.writeBytes(HEARTBEAT);
    }

    /** The size of the frames {@link #writeContent} produces, to size a buffer up front. */
    public static int contentSize(int rawPropertiesLength, int bodyLength, int frameMax) {
        int maxPayload = frameMax == 0 ? Integer.MAX_VALUE : frameMax - FRAME_OVERHEAD;
        int bodyFrames = bodyLength == 0 ? 0 : (int) ((bodyLength + (long) maxPayload - 1) / maxPayload);
        return FRAME_OVERHEAD + 12 + rawPropertiesLength + bodyFrames * FRAME_OVERHEAD + bodyLength;
    }

    private static void writeBody(ByteBuf out, int channel, byte[] body, int frameMax) {
        int maxPayload = frameMax == 0 ? body.length : frameMax - FRAME_OVERHEAD;
        if (maxPayload <= 0 && body.length > 0) {
            throw new IllegalArgumentException("frameMax " + frameMax + " leaves no room for a body");
        }
        for (int offset = 0; offset < body.length; offset += maxPayload) {
            int length = Math.min(maxPayload, body.length - offset);
            out.writeByte(FRAME_BODY);
            out.writeShort(channel);
            out.writeInt(length);
            out.writeBytes(body, offset, length);
            out.writeByte(FRAME_END);
        }
    }
}
