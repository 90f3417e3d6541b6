package org.ferrymq.broker.store.h2;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32C;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ferrymq.broker.amqp.codec.AmqpFieldTable;

/**
 * Writes the store's binary records: variable-length integers, length-prefixed UTF-8 strings and
 * byte arrays (a length of 0 means null, n+1 means n bytes), and AMQP field tables. Not thread-safe.
 */
final class RecordOutput {
    private byte[] bytes;
    private int size;

    RecordOutput(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    RecordOutput writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
        return this;
    }

    RecordOutput writeVarLong(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
        return this;
    }

    RecordOutput writeString(String value) {
        return writeBytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    RecordOutput writeBytes(byte[] value) {
        if (value == null) {
            return writeVarLong(0);
        }
        writeVarLong(value.length + 1L);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** A field table as AMQP encodes it (null as an empty table). */
    RecordOutput writeTable(Map<String, ?> table) {
        ByteBuf buf = Unpooled.buffer(64);
        try {
            AmqpFieldTable.write(buf, table);
            int length = buf.readableBytes();
            ensure(length);
            buf.readBytes(bytes, size, length);
            size += length;
        } finally {
            buf.release();
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /**
     * The record followed by a CRC32C of it. MVStore checks its chunks' headers but not the
     * bytes of every page, so a damaged value would otherwise be read back as if it were fine.
     */
    byte[] toChecksummedByteArray() {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, size);
        int value = (int) crc.getValue();
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return toByteArray();
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
