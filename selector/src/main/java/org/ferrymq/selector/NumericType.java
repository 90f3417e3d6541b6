package org.ferrymq.selector;

/**
 * Java binary numeric promotion (JLS 5.6) over the property types a message can carry: byte, short
 * and int compute as int, then long, float, double. Other Number classes are not selector values.
 */
enum NumericType {
    INT,
    LONG,
    FLOAT,
    DOUBLE;

    /** The promoted type of a single value, or null if it is not a selector number. */
    static NumericType of(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        return null;
    }

    /** The type both operands are promoted to, or null if either is not a number. */
    static NumericType promote(Object left, Object right) {
        NumericType l = of(left);
        NumericType r = of(right);
        if (l == null || r == null) {
            return null;
        }
        return l.ordinal() >= r.ordinal() ? l : r;
    }
}
