package org.ferrymq.tck.message;

import java.util.EnumSet;
import java.util.Set;

/**
 * The value types of message properties (section 3.5.4, table "Property value conversion")
 * and of MapMessage / StreamMessage bodies (section 3.11.3, "Conversions provided by
 * StreamMessage and MapMessage"), each with a sample value and the types it can be read as.
 */
enum ValueType {
    BOOLEAN(true),
    BYTE((byte) 12),
    SHORT((short) 1234),
    CHAR('Z'),
    INT(123_456),
    LONG(1_234_567_890_123L),
    FLOAT(1.5f),
    DOUBLE(2.25d),
    STRING("42"),
    BYTES(new byte[] {1, 2, 3});

    final Object sample;

    ValueType(Object sample) {
        this.sample = sample;
    }

    /** The table of section 3.11.3 (MapMessage and StreamMessage): row = written, result = readable. */
    Set<ValueType> readableInBody() {
        return switch (this) {
            case BOOLEAN -> EnumSet.of(BOOLEAN, STRING);
            case BYTE -> EnumSet.of(BYTE, SHORT, INT, LONG, STRING);
            case SHORT -> EnumSet.of(SHORT, INT, LONG, STRING);
            case CHAR -> EnumSet.of(CHAR, STRING);
            case INT -> EnumSet.of(INT, LONG, STRING);
            case LONG -> EnumSet.of(LONG, STRING);
            case FLOAT -> EnumSet.of(FLOAT, DOUBLE, STRING);
            case DOUBLE -> EnumSet.of(DOUBLE, STRING);
            case STRING -> EnumSet.of(BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING);
            case BYTES -> EnumSet.of(BYTES);
        };
    }

    /** The table of section 3.5.4 (properties have no char and no byte[]). */
    Set<ValueType> readableAsProperty() {
        Set<ValueType> set = EnumSet.copyOf(readableInBody());
        set.remove(CHAR);
        set.remove(BYTES);
        return set;
    }

    static Set<ValueType> propertyTypes() {
        return EnumSet.of(BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING);
    }

    /** The sample converted to the given type, as the spec's conversions define it. */
    Object expectedAs(ValueType target) {
        if (target == this) {
            return sample;
        }
        if (target == STRING) {
            return String.valueOf(sample);
        }
        if (this == STRING) {  // "42"
            return switch (target) {
                case BOOLEAN -> Boolean.valueOf((String) sample);
                case BYTE -> Byte.valueOf((String) sample);
                case SHORT -> Short.valueOf((String) sample);
                case INT -> Integer.valueOf((String) sample);
                case LONG -> Long.valueOf((String) sample);
                case FLOAT -> Float.valueOf((String) sample);
                case DOUBLE -> Double.valueOf((String) sample);
                default -> throw new IllegalArgumentException(target.name());
            };
        }
        Number n = (Number) sample;
        return switch (target) {
            case SHORT -> n.shortValue();
            case INT -> n.intValue();
            case LONG -> n.longValue();
            case DOUBLE -> n.doubleValue();
            default -> throw new IllegalArgumentException(this + " as " + target);
        };
    }
}
