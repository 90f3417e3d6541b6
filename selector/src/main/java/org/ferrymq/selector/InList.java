package org.ferrymq.selector;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code identifier [NOT] IN ('a', 'b', ...)}. Spec 3.8.1.1 defines it for a String identifier
 * ({@code value = 'a' OR value = 'b' ...}, NOT IN its negation) and says it is UNKNOWN when the
 * identifier is NULL. A value that is not a String (a number, a boolean) is UNKNOWN too, as in
 * ActiveMQ Artemis: it is outside the operator's domain, so neither IN nor NOT IN selects it.
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
        if (!(value.evaluate(message) instanceof String text)) {
            return Truth.UNKNOWN;   // NULL, or a value of another type
        }
        return Truth.of(lookup.contains(text) != negated);
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
