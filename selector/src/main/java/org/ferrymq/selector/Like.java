package org.ferrymq.selector;

import java.util.Set;

/**
 * {@code value [NOT] LIKE 'pattern' [ESCAPE 'c']}. NULL is UNKNOWN; a non-string value does not match,
 * and NOT LIKE is the negation of LIKE.
 */
final class Like extends Condition {

    private final Expression value;
    private final LikePattern pattern;
    private final boolean negated;
    private final int depth;

    Like(Expression value, LikePattern pattern, boolean negated) {
        this.value = value;
        this.pattern = pattern;
        this.negated = negated;
        this.depth = 1 + value.depth();
    }

    @Override
    public Truth test(SelectorContext message) {
        Object v = value.evaluate(message);
        if (v == null) {
            return Truth.UNKNOWN;
        }
        boolean matched = v instanceof String text && pattern.matches(text);
        return Truth.of(matched != negated);
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
        return "(" + value + (negated ? " NOT" : "") + " LIKE " + pattern + ")";
    }
}
