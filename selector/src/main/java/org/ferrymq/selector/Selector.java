package org.ferrymq.selector;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled Jakarta Messaging message selector (Jakarta Messaging 3.1, section 3.8.1): parse once
 * with {@link #parse(String)}, then call {@link #matches(SelectorContext)} for each message.
 *
 * <p>Instances are immutable and thread-safe; evaluation walks a tree of small nodes, reads values
 * through the {@link SelectorContext}, and uses no reflection, regular expressions or locks.
 * Comparisons, logic, BETWEEN, IN, LIKE and IS NULL allocate nothing; only arithmetic boxes its
 * intermediate results.
 *
 * <pre>{@code
 * Selector selector = Selector.parse("JMSType = 'car' AND color IN ('blue', 'red') AND weight > 2500");
 * boolean match = selector.matches(name -> message.get(name));
 * }</pre>
 */
public final class Selector {

    private static final Selector MATCH_ALL = new Selector("", Literal.TRUE);

    private final String expression;
    private final Expression root;
    private final Set<String> identifiers;

    private Selector(String expression, Expression root) {
        this.expression = expression;
        this.root = root;
        Set<String> collected = new LinkedHashSet<>();
        root.collectIdentifiers(collected);
        this.identifiers = Collections.unmodifiableSet(collected);
    }

    /**
     * Compiles a selector. A null, empty or all-whitespace expression selects every message.
     *
     * @throws SelectorSyntaxException if the expression is not a valid selector; it says where and why
     */
    public static Selector parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return MATCH_ALL;
        }
        return new Selector(expression, Parser.parse(expression));
    }

    /** The selector that selects every message (what a null or empty expression compiles to). */
    public static Selector matchAll() {
        return MATCH_ALL;
    }

    /**
     * True if the selector evaluates to TRUE for {@code message}; FALSE and UNKNOWN (e.g. a
     * comparison with an absent property) do not match.
     */
    public boolean matches(SelectorContext message) {
        return root.test(message) == Truth.TRUE;
    }

    /**
     * The header field and property names the selector reads, in order of first appearance, so that
     * a caller can decode only those. Empty for a selector that reads nothing, such as {@code TRUE}.
     */
    public Set<String> referencedIdentifiers() {
        return identifiers;
    }

    /** True if the selector selects every message without looking at it (empty, or the literal TRUE). */
    public boolean isMatchAll() {
        return root == Literal.TRUE;
    }

    /** The source text, as given to {@link #parse(String)} ("" for match-all). */
    public String expression() {
        return expression;
    }

    /** The parsed tree as fully parenthesised selector text, showing precedence; for tests and debugging. */
    String tree() {
        return root.toString();
    }

    /** Selectors are equal when their source text is (JMS compares durable subscriptions' selectors as text). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Selector selector && expression.equals(selector.expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression);
    }

    @Override
    public String toString() {
        return expression;
    }
}
