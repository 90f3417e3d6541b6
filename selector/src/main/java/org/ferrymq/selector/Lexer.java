package org.ferrymq.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a selector into {@link Token}s. Whitespace is what Java calls whitespace (spec 3.8.1.1):
 * space, tab, form feed and line terminators. Identifiers follow Java identifier rules.
 */
final class Lexer {

    private final String source;
    private int position;

    private Lexer(String source) {
        this.source = source;
    }

    /** All tokens of {@code source}, ending with an {@link TokenKind#END} token. */
    static List<Token> tokenize(String source) {
        return new Lexer(source).tokenize();
    }

    private List<Token> tokenize() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= source.length()) {
                tokens.add(new Token(TokenKind.END, "", position, position, null, false, false));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = position;
        int c = source.codePointAt(position);
        switch (c) {
            case '(':
                return single(TokenKind.LEFT_PAREN);
            case ')':
                return single(TokenKind.RIGHT_PAREN);
            case ',':
                return single(TokenKind.COMMA);
            case '+':
                return single(TokenKind.PLUS);
            case '-':
                return single(TokenKind.MINUS);
            case '*':
                return single(TokenKind.STAR);
            case '/':
                return single(TokenKind.SLASH);
            case '=':
                if (charAt(position + 1) == '=') {
                    throw error(start, "'==' is not a selector operator; use = for equality");
                }
                return single(TokenKind.EQUAL);
            case '<':
                if (charAt(position + 1) == '>') {
                    return pair(TokenKind.NOT_EQUAL);
                }
                if (charAt(position + 1) == '=') {
                    return pair(TokenKind.LESS_OR_EQUAL);
                }
                return single(TokenKind.LESS);
            case '>':
                if (charAt(position + 1) == '=') {
                    return pair(TokenKind.GREATER_OR_EQUAL);
                }
                return single(TokenKind.GREATER);
            case '!':
                if (charAt(position + 1) == '=') {
                    throw error(start, "'!=' is not a selector operator; use <> for not equal");
                }
                break;
            case '\'':
                return string();
            case '"':
                throw error(start, "Unexpected character '\"'; string literals are enclosed in single quotes");
            default:
                if (isDigit(c) || (c == '.' && isDigit(charAt(position + 1)))) {
                    Token number = NumberScanner.scan(source, start);
                    position = number.end();
                    return number;
                }
                if (Character.isJavaIdentifierStart(c)) {
                    return identifierOrKeyword();
                }
        }
        throw error(start, "Unexpected character " + describeCharacter(c));
    }

    private Token string() {
        int start = position;
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            if (position >= source.length()) {
                throw error(start, "String literal is not terminated (missing closing ')");
            }
            char c = source.charAt(position++);
            if (c == '\'') {
                if (charAt(position) != '\'') {
                    break;
                }
                position++; // '' stands for one quote
            }
            value.append(c);
        }
        return new Token(TokenKind.STRING, source.substring(start, position), start, position, value.toString(), false, false);
    }

    private Token identifierOrKeyword() {
        int start = position;
        position += Character.charCount(source.codePointAt(position));
        while (position < source.length() && Character.isJavaIdentifierPart(source.codePointAt(position))) {
            position += Character.charCount(source.codePointAt(position));
        }
        String word = source.substring(start, position);
        TokenKind keyword = TokenKind.keyword(word);
        return new Token(keyword == null ? TokenKind.IDENTIFIER : keyword, word, start, position, word, false, false);
    }

    private void skipWhitespace() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private Token single(TokenKind kind) {
        position += 1;
        return Token.simple(kind, source, position - 1, position);
    }

    private Token pair(TokenKind kind) {
        position += 2;
        return Token.simple(kind, source, position - 2, position);
    }

    private int charAt(int index) {
        return index < source.length() ? source.charAt(index) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String describeCharacter(int c) {
        String code = String.format("U+%04X", c);
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT
                || Character.isSpaceChar(c)) {
            return code;
        }
        return "'" + new String(Character.toChars(c)) + "' (" + code + ")";
    }

    private SelectorSyntaxException error(int at, String reason) {
        return new SelectorSyntaxException(source, at, reason);
    }
}
