package org.ferrymq.selector;

import java.util.Set;

/**
 * {@code value [NOT] BETWEEN low AND high}. Spec 3.8.1.1: UNKNOWN if any operand is NULL; otherwise
 * BETWEEN is {@code value >= low AND value <= high} and NOT BETWEEN is {@code value < low OR value > high}
 * (so a non-numeric value makes both forms FALSE).
 */
final class Between extends Condition {

    private final Expression value;
    private final Expression low;
    private final Expression high;
    private final boolean negated;
    private final int depth;

    Between(Expression value, Expression low, Expression high, boolean negated) {
        this.value = value;
        this.low = low;
        this.high = high;
        this.negated = negated;
        this.depth = 1 + Math.max(value.depth(), Math.max(low.depth(), high.depth()));
    }

    @Override
    public Truth test(SelectorContext message) {
        Object v = value.evaluate(message);
        if (v == null) {
            return Truth.UNKNOWN;
        }
        Object lo = low.evaluate(message);
        if (lo == null) {
            return Truth.UNKNOWN;
        }
        Object hi = high.evaluate(message);
        if (hi == null) {
            return Truth.UNKNOWN;
        }
        if (negated) {
            return ComparisonOperator.LESS.apply(v, lo).or(ComparisonOperator.GREATER.apply(v, hi));
        }
        return ComparisonOperator.GREATER_OR_EQUAL.apply(v, lo).and(ComparisonOperator.LESS_OR_EQUAL.apply(v, hi));
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        value.collectIdentifiers(into);
        low.collectIdentifiers(into);
        high.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(" + value + (negated ? " NOT" : "") + " BETWEEN " + low + " AND " + high + ")";
    }
}
