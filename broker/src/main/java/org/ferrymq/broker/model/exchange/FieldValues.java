package org.ferrymq.broker.model.exchange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two ways RabbitMQ compares AMQP field-table values, over the Java types a decoded table
 * holds: {@code String}/{@code CharSequence} (longstr), {@code byte[]} (byte array),
 * {@code Byte}/{@code Short}/{@code Integer}/{@code Long}, {@code Float}/{@code Double},
 * {@code BigDecimal} (decimal), {@code Boolean}, {@code Date}/{@code Instant} (timestamp,
 * whole seconds), {@code Map} (table), {@code List}/{@code Object[]} (array), {@code null} (void).
 *
 * <ul>
 *   <li>{@link #identityKey}: typed equality, for binding identity. RabbitMQ keeps binding
 *       arguments as sorted typed tables, so {1 as int} and {1 as long} are different bindings.</li>
 *   <li>{@link #matches}: the header exchange's comparison, Erlang's {@code ==} on the decoded
 *       values: numbers compare by value across types ({@code 1 == 1L == 1.0}), a timestamp is
 *       its seconds, strings and byte arrays compare by bytes, a decimal equals only a decimal
 *       with the same scale and digits, booleans only booleans.</li>
 * </ul>
 *
 * <p>Stateless; safe from any thread.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** An immutable copy of a table; null becomes empty. Keeps null (void) values. */
    static Map<String, Object> immutableTable(Map<String, Object> table) {
        if (table == null || table.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(table));
    }

    /**
     * A value with typed, content-based {@code equals}/{@code hashCode}: byte arrays become
     * {@link ByteBuffer}s, strings become {@code String}, nested tables and arrays are
     * converted recursively. Other values keep their own equality.
     */
    static Object identityKey(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes.clone());
        }
        if (value instanceof CharSequence chars && !(value instanceof String)) {
            return chars.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> key = new HashMap<>();
            map.forEach((k, v) -> key.put(identityKey(k), identityKey(v)));
            return key;
        }
        if (value instanceof List<?> list) {
            List<Object> key = new ArrayList<>(list.size());
            list.forEach(v -> key.add(identityKey(v)));
            return key;
        }
        if (value instanceof Object[] array) {
            return identityKey(Arrays.asList(array));
        }
        return value;
    }

    /** Header-exchange equality of a binding value and a message header value (both non-null). */
    static boolean matches(Object bindingValue, Object headerValue) {
        if (bindingValue == headerValue) {
            return true;
        }
        if (bindingValue == null || headerValue == null) {
            return false;
        }
        Class<?> type = bindingValue.getClass();
        if (type == headerValue.getClass() && (type == String.class || type == Integer.class
                || type == Long.class || type == Boolean.class)) {
            return bindingValue.equals(headerValue); // the common cases, no conversion
        }
        byte[] aBytes = bytesOf(bindingValue);
        if (aBytes != null) {
            byte[] bBytes = bytesOf(headerValue);
            return bBytes != null && Arrays.equals(aBytes, bBytes);
        }
        if (bindingValue instanceof BigDecimal || headerValue instanceof BigDecimal) {
            // an AMQP decimal is {scale, digits} in RabbitMQ: equal only to the same pair
            return bindingValue instanceof BigDecimal a && headerValue instanceof BigDecimal b
                    && a.equals(b);
        }
        Number aNumber = numberOf(bindingValue);
        if (aNumber != null) {
            Number bNumber = numberOf(headerValue);
            return bNumber != null && numericallyEqual(aNumber, bNumber);
        }
        if (bindingValue instanceof Boolean) {
            return bindingValue.equals(headerValue);
        }
        return identityKey(bindingValue).equals(identityKey(headerValue));
    }

    /** {@link #matches}, extended so that two void values are equal. */
    public static boolean matchesOrBothVoid(Object a, Object b) {
        return a == null ? b == null : matches(a, b);
    }

    /** RabbitMQ's name for the AMQP type a value would be encoded as, e.g. {@code longstr}. */
    public static String amqpTypeName(Object value) {
        if (value == null) {
            return "void";
        }
        if (value instanceof CharSequence) {
            return "longstr";
        }
        if (value instanceof byte[]) {
            return "binary";
        }
        if (value instanceof Integer) {
            return "signedint";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Short) {
            return "short";
        }
        if (value instanceof Byte) {
            return "byte";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Float) {
            return "float";
        }
        if (value instanceof BigDecimal) {
            return "decimal";
        }
        if (value instanceof Date || value instanceof Instant) {
            return "timestamp";
        }
        if (value instanceof Map) {
            return "table";
        }
        if (value instanceof List || value instanceof Object[]) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }

    /** A value as RabbitMQ prints it in reply texts: strings and byte arrays as text. */
    static String display(Object value) {
        byte[] bytes = bytesOf(value);
        if (bytes != null) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Date date) {
            return Long.toString(date.getTime() / 1000);
        }
        if (value instanceof Instant instant) {
            return Long.toString(instant.getEpochSecond());
        }
        return String.valueOf(value);
    }

    /** Whether two values belong to the same class of type for RabbitMQ's argument checks. */
    public static boolean sameTypeClass(Object a, Object b) {
        return typeClass(a).equals(typeClass(b));
    }

    private static String typeClass(Object value) {
        if (value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long) {
            return "int";
        }
        if (value instanceof Float || value instanceof Double) {
            return "float";
        }
        return amqpTypeName(value);
    }

    private static byte[] bytesOf(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof CharSequence chars) {
            return chars.toString().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static Number numberOf(Object value) {
        if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return number;
        }
        if (value instanceof Date date) {
            return date.getTime() / 1000; // AMQP timestamps are whole seconds
        }
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        return null;
    }

    private static boolean numericallyEqual(Number a, Number b) {
        boolean aIntegral = isIntegral(a);
        boolean bIntegral = isIntegral(b);
        if (aIntegral && bIntegral) {
            if (a instanceof BigInteger || b instanceof BigInteger) {
                return toBigInteger(a).equals(toBigInteger(b));
            }
            return a.longValue() == b.longValue();
        }
        if (!aIntegral && !bIntegral) {
            return a.doubleValue() == b.doubleValue();
        }
        double d = aIntegral ? b.doubleValue() : a.doubleValue();
        Number integral = aIntegral ? a : b;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return false;
        }
        return new BigDecimal(d).compareTo(new BigDecimal(toBigInteger(integral))) == 0;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
    }

    private static BigInteger toBigInteger(Number n) {
        return n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue());
    }
}
