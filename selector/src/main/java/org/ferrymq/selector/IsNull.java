package org.ferrymq.selector;

import java.util.Set;

/** {@code value IS [NOT] NULL}: the one test that turns NULL into TRUE or FALSE. */
final class IsNull extends Condition {

    private final Expression value;
    private final boolean negated;
    private final int depth;

    IsNull(Expression value, boolean negated) {
        this.value = value;
        this.negated = negated;
        this.depth = 1 + value.depth();
    }

    @Override
    public Truth test(SelectorContext message) {
        return Truth.of((value.evaluate(message) == null) != negated);
    }

    @Override
    public int depth() {
        return depth;
    }

    @Override
    public void collectIdentifiers(Set<String> into) {
        value.collectIdentifiers(into);
    }

    @Override
    public String toString() {
        return "(" + value + (negated ? " IS NOT NULL)" : " IS NULL)");
    }
}
