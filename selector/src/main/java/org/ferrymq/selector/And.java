package org.ferrymq.selector;

import java.util.Set;

/** {@code left AND right} in three-valued logic; skips the right side once the left is FALSE. */
final class And extends Condition {

    private final Expression left;
    private final Expression right;

    And(Expression left, Expression right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public Truth test(SelectorContext message) {
        Truth l = left.test(message);
        if (l == Truth.FALSE) {
            return Truth.FALSE;
        }
        return l.and(right.test(message));
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        left.collectIdentifiers(into);
        right.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(" + left + " AND " + right + ")";
    }
}
