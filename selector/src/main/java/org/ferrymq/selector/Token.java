package org.ferrymq.selector;

/**
 * One token: its kind, its source text, where it starts and ends in the selector, and its value for
 * literals (String, BigInteger magnitude, Float or Double). {@code longSuffix} and {@code decimal}
 * describe exact numbers, whose Java type depends on them.
 */
record Token(TokenKind kind, String text, int start, int end, Object value, boolean decimal, boolean longSuffix) {

    static Token simple(TokenKind kind, String source, int start, int end) {
        return new Token(kind, source.substring(start, end), start, end, null, false, false);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of selector";
            case STRING -> "string " + text; // already in quotes
            default -> "'" + text + "'";
        };
    }
}
