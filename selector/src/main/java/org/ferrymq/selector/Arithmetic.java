package org.ferrymq.selector;

import java.util.Set;

/** {@code left op right} for {@code + - * /}; NULL or non-numeric operands make it UNKNOWN. */
final class Arithmetic implements Expression {

    private final ArithmeticOperator operator;
    private final Expression left;
    private final Expression right;
    private final int depth;

    Arithmetic(ArithmeticOperator operator, Expression left, Expression right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.depth = 1 + Math.max(left.depth(), right.depth());
    }

    @Override
    public Object evaluate(SelectorContext message) {
        Object l = left.evaluate(message);
        if (l == null) {
            return null;
        }
        return operator.apply(l, right.evaluate(message));
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
        left.collectIdentifiers(into);
        right.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(" + left + " " + operator.symbol() + " " + right + ")";
    }
}
