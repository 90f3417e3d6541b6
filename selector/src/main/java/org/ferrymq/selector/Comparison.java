package org.ferrymq.selector;

import java.util.Set;

/** {@code left op right} for {@code = <> < <= > >=}. */
final class Comparison extends Condition {

    private final ComparisonOperator operator;
    private final Expression left;
    private final Expression right;
    private final int depth;

    Comparison(ComparisonOperator operator, Expression left, Expression right) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.depth = 1 + Math.max(left.depth(), right.depth());
    }

    @Override
    public Truth test(SelectorContext message) {
        Object l = left.evaluate(message);
        if (l == null) {
            return Truth.UNKNOWN;
        }
        return operator.apply(l, right.evaluate(message));
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
