package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reply texts worded as RabbitMQ 3.10 words them, so clients and logs see the same messages
 * from FerryMQ. RabbitMQ prints offending bytes as an Erlang binary: {@code <<"abc">>} when
 * printable, else {@code <<0,60,0,80>>}; reply texts are short strings, so this caps them.
 */
public final class AmqpErrorText {
    private static final int MAX_BYTES_SHOWN = 48;

    private AmqpErrorText() {
    }

    /**
     * RabbitMQ's words for a frame that is not allowed where it came ("type 2, all octets =
     * <<0,60,...>>"), with its payload as it was on the wire (re-encoded for method and header frames).
     */
    public static String unexpectedFrame(AmqpFrame frame) {
        io.netty.buffer.ByteBuf payload = io.netty.buffer.Unpooled.buffer();
        int type;
        if (frame instanceof AmqpMethodFrame m) {
            type = AmqpFrameWriter.FRAME_METHOD;
            AmqpFrameWriter.writeMethod(payload, 0, m.method());
            payload.setIndex(7, payload.writerIndex() - 1);
        } else if (frame instanceof AmqpContentHeaderFrame h) {
            type = AmqpFrameWriter.FRAME_HEADER;
            payload.writeShort(h.classId()).writeShort(0).writeLong(h.bodySize()).writeBytes(h.rawProperties());
        } else if (frame instanceof AmqpContentBodyFrame b) {
            type = AmqpFrameWriter.FRAME_BODY;
            payload = b.payload().duplicate();
        } else {
            type = AmqpFrameWriter.FRAME_HEARTBEAT;
        }
        return "type " + type + ", all octets = " + erlangBinary(payload, payload.readerIndex(), payload.readableBytes());
    }

    static String erlangBinary(ByteBuf buf, int from, int length) {
        int shown = Math.min(length, MAX_BYTES_SHOWN);
        boolean printable = shown > 0;
        for (int i = 0; i < shown && printable; i++) {
            int b = buf.getUnsignedByte(from + i);
            printable = b >= 32 && b < 127 && b != '"' && b != '\\';
        }
        StringBuilder s = new StringBuilder("<<");
        if (printable) {
            s.append('"');
            for (int i = 0; i < shown; i++) {
                s.append((char) buf.getUnsignedByte(from + i));
            }
            s.append('"');
        } else {
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    s.append(',');
                }
                s.append(buf.getUnsignedByte(from + i));
            }
        }
        if (shown < length) {
            s.append(",...");
        }
        return s.append(">>").toString();
    }
}
