package org.ferrymq.selector;

import java.util.Set;

/** Unary plus: the operand itself if it is a number, otherwise UNKNOWN (so {@code +'x'} is not a string). */
final class UnaryPlus implements Expression {

    private final Expression operand;

    UnaryPlus(Expression operand) {
        this.operand = operand;
    }

    @Override
    public Object evaluate(SelectorContext message) {
        Object value = operand.evaluate(message);
        return NumericType.of(value) == null ? null : value;
    }

    @Override
    public ValueType type() {
        return ValueType.NUMBER;
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        operand.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(+" + operand + ")";
    }
}
