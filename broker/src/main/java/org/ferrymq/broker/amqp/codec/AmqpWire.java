package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;

/**
 * The AMQP 0-9-1 primitive types that need more than one Netty call (spec section 4.2.5):
 * short strings (octet length, at most 255 bytes), long strings (32-bit length), both UTF-8.
 * Stateless; reads throw {@link IndexOutOfBoundsException} on truncated input, which the
 * decoders turn into a frame error.
 */
public final class AmqpWire {
    private AmqpWire() {
    }

    /** Stops at the first byte that is not 7-bit ASCII. */
    private static final ByteProcessor ASCII = b -> b >= 0;

    public static String readShortString(ByteBuf in) {
        int length = in.readUnsignedByte();
        return readUtf8(in, length);
    }

    /** Writes {@code value} (null as empty) as a short string; more than 255 UTF-8 bytes is an error. */
    public static void writeShortString(ByteBuf out, String value) {
        int lengthIndex = out.writerIndex();
        out.writeByte(0);
        if (value == null || value.isEmpty()) {
            return;
        }
        int length = ByteBufUtil.writeUtf8(out, value);
        if (length > 255) {
            out.writerIndex(lengthIndex);
            throw new IllegalArgumentException("short string longer than 255 bytes: " + length);
        }
        out.setByte(lengthIndex, length);
    }

    public static String readLongString(ByteBuf in) {
        return readUtf8(in, readLongLength(in));
    }

    public static void writeLongString(ByteBuf out, String value) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (value == null || value.isEmpty()) {
            return;
        }
        out.setInt(lengthIndex, ByteBufUtil.writeUtf8(out, value));
    }

    public static byte[] readLongBytes(ByteBuf in) {
        byte[] bytes = new byte[readLongLength(in)];
        in.readBytes(bytes);
        return bytes;
    }

    public static void writeLongBytes(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeInt(0);
            return;
        }
        out.writeInt(value.length);
        out.writeBytes(value);
    }

    /** A 32-bit length that must fit in what is left of {@code in}. */
    static int readLongLength(ByteBuf in) {
        long length = in.readUnsignedInt();
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException("length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        return (int) length;
    }

    /**
     * An exchange or queue name: a short string that must be well-formed UTF-8, or the frame is a
     * FRAME_ERROR (501) "Malformed UTF-8 in shortstr", as RabbitMQ 3.10 answers (so two different
     * byte sequences can never decode to one name).
     */
    public static String readName(ByteBuf in) {
        int length = in.readUnsignedByte();
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException("length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        if (length == 0) {
            return ""; // the default exchange: every publish to a queue by name
        }
        if (in.forEachByte(in.readerIndex(), length, ASCII) < 0) {
            // plain ASCII is well-formed UTF-8: no decoder, no char buffer per publish
            String name = in.toString(in.readerIndex(), length, StandardCharsets.US_ASCII);
            in.skipBytes(length);
            return name;
        }
        java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            String name = strict.decode(in.nioBuffer(in.readerIndex(), length)).toString();
            in.skipBytes(length);
            return name;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new org.ferrymq.broker.errors.AmqpException(org.ferrymq.broker.errors.ReplyCode.FRAME_ERROR,
                    "Malformed UTF-8 in shortstr");
        }
    }

    /** The name a declare creates: {@link #readName} without CR and LF, which RabbitMQ strips. */
    public static String readDeclaredName(ByteBuf in) {
        String name = readName(in);
        return name.indexOf('\r') < 0 && name.indexOf('\n') < 0 ? name : name.replace("\r", "").replace("\n", "");
    }

    private static String readUtf8(ByteBuf in, int length) {
        if (length == 0) {
            return "";
        }
        if (length > in.readableBytes()) {
            throw new IndexOutOfBoundsException("length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }
}
