package org.ferrymq.jms.message;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

/**
 * The AMQP 0-9-1 field-table and field-array encodings (spec section 4.2.5.5, with RabbitMQ's
 * type letters), used as the body of MapMessage (a table) and StreamMessage (an array), so the
 * values keep their exact Java types and any AMQP client can decode them with its own table
 * reader (pika: {@code pika.data.decode_table}).
 *
 * <p>Type letters written: t boolean, b byte, s short, u char (unsigned 16 bit), I int, l long,
 * f float, d double, S UTF-8 string, x byte array, V null.
 */
public final class FieldTableCodec {
    private FieldTableCodec() {
    }

    public static byte[] encodeTable(Map<String, Object> table) throws JMSException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTable(out, table);
        } catch (IOException e) {
            throw new JMSException("cannot encode table: " + e);
        }
        return bytes.toByteArray();
    }

    public static byte[] encodeArray(List<Object> values) throws JMSException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeArray(out, values);
        } catch (IOException e) {
            throw new JMSException("cannot encode array: " + e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, Object> decodeTable(byte[] body) throws JMSException {
        if (body.length == 0) {
            return new LinkedHashMap<>();
        }
        try {
            return readTable(ByteBuffer.wrap(body));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new MessageFormatException("malformed AMQP field table body: " + e);
        }
    }

    public static List<Object> decodeArray(byte[] body) throws JMSException {
        if (body.length == 0) {
            return new ArrayList<>();
        }
        try {
            return readArray(ByteBuffer.wrap(body));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new MessageFormatException("malformed AMQP field array body: " + e);
        }
    }

    private static void writeTable(DataOutputStream out, Map<String, Object> table) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(content);
        for (Map.Entry<String, Object> e : table.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                throw new IOException("field name longer than 255 bytes: " + e.getKey());
            }
            c.writeByte(name.length);
            c.write(name);
            writeValue(c, e.getValue());
        }
        out.writeInt(content.size());
        content.writeTo(out);
    }

    private static void writeArray(DataOutputStream out, List<?> values) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(content);
        for (Object v : values) {
            writeValue(c, v);
        }
        out.writeInt(content.size());
        content.writeTo(out);
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte('V');
        } else if (v instanceof Boolean b) {
            out.writeByte('t');
            out.writeBoolean(b);
        } else if (v instanceof Byte b) {
            out.writeByte('b');
            out.writeByte(b);
        } else if (v instanceof Short s) {
            out.writeByte('s');
            out.writeShort(s);
        } else if (v instanceof Character ch) {
            out.writeByte('u');
            out.writeChar(ch);
        } else if (v instanceof Integer i) {
            out.writeByte('I');
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte('l');
            out.writeLong(l);
        } else if (v instanceof Float f) {
            out.writeByte('f');
            out.writeFloat(f);
        } else if (v instanceof Double d) {
            out.writeByte('d');
            out.writeDouble(d);
        } else if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte('S');
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (v instanceof byte[] bytes) {
            out.writeByte('x');
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte('F');
            writeTable(out, (Map<String, Object>) map);
        } else if (v instanceof List<?> list) {
            out.writeByte('A');
            writeArray(out, list);
        } else {
            throw new IOException("no AMQP field type for " + v.getClass().getName());
        }
    }

    private static Map<String, Object> readTable(ByteBuffer in) {
        int length = in.getInt();
        ByteBuffer content = slice(in, length);
        Map<String, Object> table = new LinkedHashMap<>();
        while (content.hasRemaining()) {
            byte[] name = new byte[content.get() & 0xff];
            content.get(name);
            table.put(new String(name, StandardCharsets.UTF_8), readValue(content));
        }
        return table;
    }

    private static List<Object> readArray(ByteBuffer in) {
        int length = in.getInt();
        ByteBuffer content = slice(in, length);
        List<Object> values = new ArrayList<>();
        while (content.hasRemaining()) {
            values.add(readValue(content));
        }
        return values;
    }

    private static ByteBuffer slice(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " exceeds the " + in.remaining() + " bytes left");
        }
        ByteBuffer content = in.slice();
        content.limit(length);
        in.position(in.position() + length);
        return content;
    }

    private static Object readValue(ByteBuffer in) {
        char type = (char) in.get();
        return switch (type) {
            case 'V' -> null;
            case 't' -> in.get() != 0;
            case 'b' -> in.get();
            case 'B' -> (short) (in.get() & 0xff);
            case 's', 'U' -> in.getShort();
            case 'u' -> in.getChar();
            case 'I' -> in.getInt();
            case 'i' -> in.getInt() & 0xffffffffL;
            case 'l', 'L', 'T' -> in.getLong();
            case 'f' -> in.getFloat();
            case 'd' -> in.getDouble();
            case 'D' -> decimal(in);
            case 'S', 'x' -> {
                byte[] bytes = new byte[in.getInt()];
                in.get(bytes);
                yield type == 'S' ? new String(bytes, StandardCharsets.UTF_8) : bytes;
            }
            case 'F' -> readTable(in);
            case 'A' -> readArray(in);
            default -> throw new IllegalArgumentException("unknown AMQP field type '" + type + "'");
        };
    }

    private static String decimal(ByteBuffer in) {
        int scale = in.get() & 0xff;
        return new BigDecimal(BigInteger.valueOf(in.getInt()), scale).toPlainString();
    }
}
