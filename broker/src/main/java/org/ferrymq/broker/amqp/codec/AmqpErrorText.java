package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Reply texts worded as RabbitMQ 3.10 words them, so clients and logs see the same messages
 * from FerryMQ. RabbitMQ prints offending bytes as an Erlang binary: {@code <<"abc">>} when
 * printable, else {@code <<0,60,0,80>>}; reply texts are short strings, so this caps them.
 */
final class AmqpErrorText {
    private static final int MAX_BYTES_SHOWN = 48;

    private AmqpErrorText() {
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
