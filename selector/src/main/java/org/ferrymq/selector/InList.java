package org.ferrymq.selector;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code value [NOT] IN ('a', 'b', ...)}. Spec 3.8.1.1 defines it as {@code value = 'a' OR value = 'b' ...}
 * (and NOT IN as the negation of that), so NULL is UNKNOWN and a non-string value is not IN the list.
 */
final class InList extends Condition {

    private final Expression value;
    private final List<String> items;
    private final Set<String> lookup;
    private final boolean negated;
    private final int depth;

    InList(Expression value, List<String> items, boolean negated) {
        this.value = value;
        this.items = List.copyOf(items);
        this.lookup = Set.copyOf(items);
        this.negated = negated;
        this.depth = 1 + value.depth();
    }

    @Override
    public Truth test(SelectorContext message) {
        Object v = value.evaluate(message);
        if (v == null) {
            return Truth.UNKNOWN;
        }
        boolean found = v instanceof String text && lookup.contains(text);
        return Truth.of(found != negated);
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
        String list = items.stream().map(item -> new Literal(item).toString()).collect(Collectors.joining(", "));
        return "(" + value + (negated ? " NOT" : "") + " IN (" + list + "))";
    }
}
