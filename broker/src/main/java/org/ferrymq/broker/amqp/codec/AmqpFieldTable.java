package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMQP field tables and field values (spec section 4.2.5.5) with the type tags RabbitMQ and
 * pika actually use (RabbitMQ's errata, not the 0-9-1 PDF: 's' is a signed short, 'l' a signed
 * 64-bit integer, 'x' a byte array, 'u'/'i' unsigned).
 *
 * <p>Reading maps tags to Java types: 't' Boolean, 'b' Byte, 'B' Short (unsigned octet),
 * 's' Short, 'u' Integer, 'I' Integer, 'i' Long, 'l' Long, 'f' Float, 'd' Double,
 * 'D' BigDecimal, 'S' String, 'x' byte[], 'T' Date (seconds), 'F' Map, 'A' List, 'V' null.
 * Decoded tables keep insertion order and are unmodifiable. Writing picks the tag from the
 * Java type. Stateless.
 *
 * <p>Tables and arrays nested more than {@value #MAX_NESTING} deep are refused with FRAME_ERROR
 * (501) "field table or array nested deeper than 128 levels": the decoder recurses once per
 * level, and so does everything that later compares, copies or writes the value, so a bound here
 * keeps a hostile frame from overflowing a network thread's stack. (RabbitMQ has no such bound;
 * no client nests headers or arguments anywhere near it.)
 */
public final class AmqpFieldTable {
    /** The deepest nesting of tables and arrays accepted; the outermost table is level 1. */
    public static final int MAX_NESTING = 128;

    private AmqpFieldTable() {
    }

    /** Reads a table: its 32-bit byte length, then its entries. */
    public static Map<String, Object> read(ByteBuf in) {
        return read(in, 1);
    }

    private static Map<String, Object> read(ByteBuf in, int depth) {
        int length = AmqpWire.readLongLength(in);
        return readEntries(in, length, depth);
    }

    /** Reads {@code length} bytes of table entries with no length prefix (AMQPLAIN's SASL response). */
    public static Map<String, Object> readEntries(ByteBuf in, int length) {
        return readEntries(in, length, 1);
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_NESTING) {
            throw new org.ferrymq.broker.errors.AmqpException(org.ferrymq.broker.errors.ReplyCode.FRAME_ERROR,
                    "field table or array nested deeper than " + MAX_NESTING + " levels");
        }
    }

    private static Map<String, Object> readEntries(ByteBuf in, int length, int depth) {
        checkDepth(depth);
        if (length == 0) {
            return Map.of();
        }
        if (length < 0 || length > in.readableBytes()) {
            throw new IndexOutOfBoundsException("table length " + length + " exceeds the " + in.readableBytes() + " bytes left");
        }
        int end = in.readerIndex() + length;
        Map<String, Object> table = new LinkedHashMap<>();
        while (in.readerIndex() < end) {
            String key = AmqpWire.readShortString(in);
            Object value = readValue(in, depth);
            if (in.readerIndex() > end) {
                throw new IndexOutOfBoundsException("table entry '" + key + "' runs past the table's end");
            }
            table.put(key, value);
        }
        return Collections.unmodifiableMap(table);
    }

    /** Writes a table with its 32-bit length prefix; null is written as an empty table. */
    public static void write(ByteBuf out, Map<String, ?> table) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        if (table == null || table.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<String, ?> entry : table.entrySet()) {
                AmqpWire.writeShortString(out, entry.getKey());
                writeValue(out, entry.getValue());
            }
        } catch (RuntimeException e) {
            out.writerIndex(lengthIndex);
            throw e;
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    /** Reads one tagged field value. */
    public static Object readValue(ByteBuf in) {
        return readValue(in, 0);
    }

    /** @param depth the nesting level of the table or array holding the value (0 for none) */
    private static Object readValue(ByteBuf in, int depth) {
        byte tag = in.readByte();
        switch (tag) {
            case 't':
                return in.readUnsignedByte() != 0;
            case 'b':
                return in.readByte();
            case 'B':
                return in.readUnsignedByte();
            case 's':
                return in.readShort();
            case 'u':
                return in.readUnsignedShort();
            case 'I':
                return in.readInt();
            case 'i':
                return in.readUnsignedInt();
            case 'l':
                return in.readLong();
            case 'f':
                return in.readFloat();
            case 'd':
                return in.readDouble();
            case 'D': {
                int scale = in.readUnsignedByte();
                return new BigDecimal(BigInteger.valueOf(in.readInt()), scale);
            }
            case 'S':
                return AmqpWire.readLongString(in);
            case 'x':
                return AmqpWire.readLongBytes(in);
            case 'T':
                return new Date(in.readLong() * 1000L);
            case 'F':
                return read(in, depth + 1);
            case 'A':
                return readArray(in, depth + 1);
            case 'V':
                return null;
            default:
                throw new IllegalArgumentException("unknown field value type '" + (char) tag + "' (0x"
                        + Integer.toHexString(tag & 0xFF) + ")");
        }
    }

    /** Writes one value with the tag its Java type maps to; unsupported types are an {@link IllegalArgumentException}. */
    public static void writeValue(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte('V');
        } else if (value instanceof String s) {
            out.writeByte('S');
            AmqpWire.writeLongString(out, s);
        } else if (value instanceof Integer i) {
            out.writeByte('I').writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte('l').writeLong(l);
        } else if (value instanceof Boolean b) {
            out.writeByte('t').writeByte(b ? 1 : 0);
        } else if (value instanceof byte[] bytes) {
            out.writeByte('x');
            AmqpWire.writeLongBytes(out, bytes);
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte('F');
            write(out, castTable(map));
        } else if (value instanceof List<?> list) {
            out.writeByte('A');
            writeArray(out, list);
        } else if (value instanceof Byte b) {
            out.writeByte('b').writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte('s').writeShort(s);
        } else if (value instanceof Float f) {
            out.writeByte('f').writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeByte('d').writeDouble(d);
        } else if (value instanceof BigDecimal d) {
            writeDecimal(out, d);
        } else if (value instanceof Date date) {
            out.writeByte('T').writeLong(date.getTime() / 1000L);
        } else if (value instanceof CharSequence cs) {
            out.writeByte('S');
            AmqpWire.writeLongString(out, cs.toString());
        } else if (value instanceof Object[] array) {
            out.writeByte('A');
            writeArray(out, List.of(array));
        } else {
            throw new IllegalArgumentException("no AMQP field type for " + value.getClass().getName());
        }
    }

    private static List<Object> readArray(ByteBuf in, int depth) {
        checkDepth(depth);
        int length = AmqpWire.readLongLength(in);
        int end = in.readerIndex() + length;
        List<Object> values = new ArrayList<>();
        while (in.readerIndex() < end) {
            values.add(readValue(in, depth));
            if (in.readerIndex() > end) {
                throw new IndexOutOfBoundsException("array element runs past the array's end");
            }
        }
        return Collections.unmodifiableList(values);
    }

    private static void writeArray(ByteBuf out, List<?> values) {
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        for (Object value : values) {
            writeValue(out, value);
        }
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
    }

    private static void writeDecimal(ByteBuf out, BigDecimal value) {
        // AMQP decimals are an octet scale and a signed 32-bit unscaled value
        if (value.scale() < 0 || value.scale() > 255) {
            throw new IllegalArgumentException("decimal scale out of range 0..255: " + value);
        }
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() > 31) {
            throw new IllegalArgumentException("decimal unscaled value does not fit in 32 bits: " + value);
        }
        out.writeByte('D').writeByte(value.scale()).writeInt(unscaled.intValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castTable(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("field table keys must be strings, got " + key);
            }
        }
        return (Map<String, ?>) map;
    }
}
