package org.ferrymq.selector;

/** The lexical tokens of selector syntax. Keywords are matched case-insensitively. */
enum TokenKind {
    IDENTIFIER,
    STRING,
    /** An integer literal; its value is the magnitude as a {@link java.math.BigInteger}. */
    EXACT_NUMBER,
    /** A floating-point literal; its value is a Float or Double. */
    APPROXIMATE_NUMBER,

    NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE,

    LEFT_PAREN, RIGHT_PAREN, COMMA,
    EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
    PLUS, MINUS, STAR, SLASH,
    END;

    /** The keyword spelled by {@code word} in any case, or null if it is not one (ASCII only, locale-proof). */
    static TokenKind keyword(String word) {
        if (word.length() < 2 || word.length() > 7) {
            return null;
        }
        StringBuilder upper = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                upper.append((char) (c - 'a' + 'A'));
            } else if (c >= 'A' && c <= 'Z') {
                upper.append(c);
            } else {
                return null; // e.g. Turkish dotless i: "ın" is an identifier, not IN
            }
        }
        return switch (upper.toString()) {
            case "NULL" -> NULL;
            case "TRUE" -> TRUE;
            case "FALSE" -> FALSE;
            case "NOT" -> NOT;
            case "AND" -> AND;
            case "OR" -> OR;
            case "BETWEEN" -> BETWEEN;
            case "LIKE" -> LIKE;
            case "IN" -> IN;
            case "IS" -> IS;
            case "ESCAPE" -> ESCAPE;
            default -> null;
        };
    }
}
