package org.ferrymq.selector;

import java.util.Set;

/** {@code left OR right} in three-valued logic; skips the right side once the left is TRUE. */
final class Or extends Condition {

    private final Expression left;
    private final Expression right;

    Or(Expression left, Expression right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public Truth test(SelectorContext message) {
        Truth l = left.test(message);
        if (l == Truth.TRUE) {
            return Truth.TRUE;
        }
        return l.or(right.test(message));
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        left.collectIdentifiers(into);
        right.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(" + left + " OR " + right + ")";
    }
}
