package org.ferrymq.selector;

import java.util.Set;

/** Unary plus: the operand itself if it is a number, otherwise UNKNOWN (so {@code +'x'} is not a string). */
final class UnaryPlus implements Expression {

    private final Expression operand;
    private final int depth;

    UnaryPlus(Expression operand) {
        this.operand = operand;
        this.depth = 1 + operand.depth();
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
    public int depth() {
        return depth;
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
