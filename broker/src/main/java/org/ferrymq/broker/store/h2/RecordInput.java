package org.ferrymq.broker.store.h2;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ferrymq.broker.amqp.codec.AmqpFieldTable;

/** Reads what {@link RecordOutput} wrote; any malformation is a {@link StoreFormatException}. Not thread-safe. */
final class RecordInput {
    private final byte[] bytes;
    private final String what;
    private int position;

    RecordInput(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
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
        ByteBuf buf = Unpooled.wrappedBuffer(bytes, position, bytes.length - position);
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
        if (position != bytes.length) {
            throw new StoreFormatException(what + " has " + (bytes.length - position) + " unexpected trailing bytes");
        }
    }

    private int readLength() {
        long encoded = readVarLong();
        if (encoded == 0) {
            return -1;
        }
        long length = encoded - 1;
        if (length > bytes.length - position) {
            throw new StoreFormatException(what + " is truncated: a field claims " + length + " bytes, "
                    + (bytes.length - position) + " remain");
        }
        return (int) length;
    }

    private void need(int n) {
        if (position + n > bytes.length) {
            throw new StoreFormatException(what + " is truncated");
        }
    }
}
