package org.ferrymq.selector;

import java.util.Set;

/** Unary minus; like Java it promotes byte and short to int. NULL or non-numeric is UNKNOWN. */
final class Negation implements Expression {

    private final Expression operand;
    private final int depth;

    Negation(Expression operand) {
        this.operand = operand;
        this.depth = 1 + operand.depth();
    }

    static Object negate(Object value) {
        NumericType type = NumericType.of(value);
        if (type == null) {
            return null;
        }
        Number number = (Number) value;
        return switch (type) {
            case INT -> Integer.valueOf(-number.intValue());
            case LONG -> Long.valueOf(-number.longValue());
            case FLOAT -> Float.valueOf(-number.floatValue());
            case DOUBLE -> Double.valueOf(-number.doubleValue());
        };
    }

    @Override
    public Object evaluate(SelectorContext message) {
        return negate(operand.evaluate(message));
    }

    @Override
    public ValueType type() {
        return ValueType.NUMBER;
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        operand.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(-" + operand + ")";
    }
}
