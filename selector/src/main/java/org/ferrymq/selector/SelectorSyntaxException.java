package org.ferrymq.selector;

/**
 * A selector that is not valid Jakarta Messaging selector syntax, or that is statically ill-typed
 * (e.g. {@code 'a' + 1}, {@code JMSPriority = 'high'}). The JMS layer maps it to
 * {@code InvalidSelectorException}; the broker to a channel error.
 *
 * <p>Unchecked because it is an illegal argument: code that parses a constant selector should not
 * have to catch it, code that parses user input does so where it maps errors.
 */
public final class SelectorSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int position;
    private final String reason;

    SelectorSyntaxException(String expression, int position, String reason) {
        super(reason + " at position " + position + " in selector: " + expression);
        this.expression = expression;
        this.position = position;
        this.reason = reason;
    }

    /** The selector text that failed to parse. */
    public String expression() {
        return expression;
    }

    /** Zero-based index into {@link #expression()} of the offending character or token. */
    public int position() {
        return position;
    }

    /** What is wrong, without the position and expression (e.g. "Expected ')' but found end of selector"). */
    public String reason() {
        return reason;
    }
}
