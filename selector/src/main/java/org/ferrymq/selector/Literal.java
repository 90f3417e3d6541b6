package org.ferrymq.selector;

import java.util.Set;

/** A string, numeric or boolean literal; its value is boxed once, at parse time. */
final class Literal implements Expression {

    static final Literal TRUE = new Literal(Boolean.TRUE);
    static final Literal FALSE = new Literal(Boolean.FALSE);

    private final Object value;
    private final ValueType type;
    private final Truth truth;

    Literal(Object value) {
        this.value = value;
        this.type = value instanceof String ? ValueType.STRING
                : value instanceof Boolean ? ValueType.BOOLEAN
                : ValueType.NUMBER;
        this.truth = Truth.ofValue(value);
    }

    Object value() {
        return value;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return value;
    }

    @Override
    public Truth test(SelectorContext message) {
        return truth;
    }

    @Override
    public ValueType type() {
        return type;
    }

    @Override
    public int depth() {
        return 1;
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        // a literal reads nothing
    }

    @Override
    public String toString() {
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (value instanceof Boolean bool) {
            return bool ? "TRUE" : "FALSE";
        }
        if (value instanceof Long) {
            return value + "L";
        }
        if (value instanceof Float) {
            return value + "F";
        }
        return String.valueOf(value);
    }
}
