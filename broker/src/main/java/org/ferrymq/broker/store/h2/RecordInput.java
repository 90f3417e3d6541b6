package org.ferrymq.broker.store.h2;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32C;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ferrymq.broker.amqp.codec.AmqpFieldTable;

/** Reads what {@link RecordOutput} wrote; any malformation is a {@link StoreFormatException}. Not thread-safe. */
final class RecordInput {
    private final byte[] bytes;
    private final String what;
    private final int limit;
    private int position;

    RecordInput(byte[] bytes, String what) {
        this(bytes, what, bytes.length);
    }

    private RecordInput(byte[] bytes, String what, int limit) {
        this.bytes = bytes;
        this.what = what;
        this.limit = limit;
    }

    /** Reads a record written by {@link RecordOutput#toChecksummedByteArray()}, checking its CRC32C first. */
    static RecordInput checksummed(byte[] bytes, String what) {
        if (bytes.length < 4) {
            throw new StoreFormatException(what + " is truncated (" + bytes.length + " bytes)");
        }
        int limit = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, limit);
        int stored = ((bytes[limit] & 0xFF) << 24) | ((bytes[limit + 1] & 0xFF) << 16) | ((bytes[limit + 2] & 0xFF) << 8)
                | (bytes[limit + 3] & 0xFF);
        if (stored != (int) crc.getValue()) {
            throw new StoreFormatException(what + " is damaged (checksum mismatch)");
        }
        return new RecordInput(bytes, what, limit);
    }

    /** Reads the version byte and checks it is one this code knows. */
    RecordInput expectVersion(int version) {
        int found = readByte();
        if (found != version) {
            throw new StoreFormatException(what + " has record version " + found + ", this FerryMQ reads version "
                    + version);
        }
        return this;
    }

    int readByte() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new StoreFormatException(what + " has a malformed variable-length number");
    }

    String readString() {
        int length = readLength();
        if (length < 0) {
            return null;
        }
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    byte[] readBytes() {
        int length = readLength();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        System.arraycopy(bytes, position, value, 0, length);
        position += length;
        return value;
    }

    Map<String, Object> readTable() {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes, position, limit - position);
        try {
            Map<String, Object> table = AmqpFieldTable.read(buf);
            position += buf.readerIndex();
            return table;
        } catch (RuntimeException e) {
            throw new StoreFormatException(what + " has a malformed field table: " + e.getMessage(), e);
        }
    }

    /** Checks nothing is left over, which would mean the record is not what its version says. */
    void expectEnd() {
        if (position != limit) {
            throw new StoreFormatException(what + " has " + (limit - position) + " unexpected trailing bytes");
        }
    }

    private int readLength() {
        long encoded = readVarLong();
        if (encoded == 0) {
            return -1;
        }
        long length = encoded - 1;
        if (length > limit - position) {
            throw new StoreFormatException(what + " is truncated: a field claims " + length + " bytes, "
                    + (limit - position) + " remain");
        }
        return (int) length;
    }

    private void need(int n) {
        if (position + n > limit) {
            throw new StoreFormatException(what + " is truncated");
        }
    }
}
