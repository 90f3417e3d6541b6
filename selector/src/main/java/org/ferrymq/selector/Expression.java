package org.ferrymq.selector;

import java.util.Set;

/**
 * A node of a compiled selector. Nodes are immutable and thread-safe; evaluating one reads the
 * {@link SelectorContext} and allocates nothing except boxed results of arithmetic.
 *
 * <p>{@code toString()} renders the node as fully parenthesised selector text, which shows how the
 * parser grouped the expression.
 */
interface Expression {

    /** The value: a Boolean, Number or String, or null for SQL NULL / UNKNOWN. */
    Object evaluate(SelectorContext message);

    /** The value as a condition: a Boolean value is TRUE/FALSE, anything else UNKNOWN. */
    default Truth test(SelectorContext message) {
        return Truth.ofValue(evaluate(message));
    }

    /** What the parser knows about the value's type before seeing any message. */
    ValueType type();

    /** Levels of nodes from here down to the deepest leaf; the parser bounds it so evaluation cannot overflow the stack. */
    int depth();

    /** Adds every identifier this node reads, in order of appearance. */
    void collectIdentifiers(Set<String> into);
}
