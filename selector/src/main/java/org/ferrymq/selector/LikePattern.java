package org.ferrymq.selector;

import java.util.Arrays;

/**
 * A compiled LIKE pattern: {@code _} matches any one character, {@code %} any sequence (also empty),
 * every other character itself, and the escape character makes the next character literal.
 *
 * <p>Matching is a hand-written wildcard matcher over code points rather than a regex, so no
 * character of the pattern can mean anything else (regex metacharacters are just characters),
 * nothing is compiled or allocated per evaluation, and {@code _} matches a whole supplementary
 * character. It backtracks only to the last {@code %}, which is enough for LIKE and bounds the
 * work at O(pattern x value).
 */
final class LikePattern {

    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    /** Code points of the pattern, with {@link #ANY_ONE} / {@link #ANY_SEQUENCE} for the wildcards. */
    private final int[] elements;
    private final String source;
    private final String escape;

    private LikePattern(int[] elements, String source, String escape) {
        this.elements = elements;
        this.source = source;
        this.escape = escape;
    }

    /**
     * Compiles {@code pattern}; {@code escape} is null or a one-character string.
     *
     * @throws IllegalArgumentException if the pattern ends in the escape character
     */
    static LikePattern compile(String pattern, String escape) {
        int escapeChar = escape == null ? -1 : escape.codePointAt(0);
        int[] elements = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escapeChar) {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException(
                            "LIKE pattern ends with the escape character '" + escape + "', which must be followed by a character");
                }
                c = pattern.codePointAt(i);
                i += Character.charCount(c);
                elements[count++] = c;
            } else if (c == '_') {
                elements[count++] = ANY_ONE;
            } else if (c == '%') {
                // "%%" means the same as "%"; collapsing keeps backtracking cheap
                if (count == 0 || elements[count - 1] != ANY_SEQUENCE) {
                    elements[count++] = ANY_SEQUENCE;
                }
            } else {
                elements[count++] = c;
            }
        }
        return new LikePattern(Arrays.copyOf(elements, count), pattern, escape);
    }

    boolean matches(String value) {
        int p = 0;
        int i = 0;
        int resumePattern = -1; // element after the last '%' seen
        int resumeValue = -1;   // where that '%' would stop if it matched one more character
        while (i < value.length()) {
            if (p < elements.length) {
                int element = elements[p];
                if (element == ANY_SEQUENCE) {
                    p++;
                    resumePattern = p;
                    resumeValue = i;
                    continue;
                }
                int c = value.codePointAt(i);
                if (element == ANY_ONE || element == c) {
                    p++;
                    i += Character.charCount(c);
                    continue;
                }
            }
            if (resumePattern < 0) {
                return false;
            }
            resumeValue += Character.charCount(value.codePointAt(resumeValue));
            i = resumeValue;
            p = resumePattern;
        }
        while (p < elements.length && elements[p] == ANY_SEQUENCE) {
            p++;
        }
        return p == elements.length;
    }

    @Override
    public String toString() {
        String text = new Literal(source).toString();
        return escape == null ? text : text + " ESCAPE " + new Literal(escape);
    }
}
