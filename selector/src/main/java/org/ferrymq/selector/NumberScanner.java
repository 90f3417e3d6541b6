package org.ferrymq.selector;

import java.math.BigInteger;

/**
 * Scans one numeric literal in Java literal syntax (spec 3.8.1.1: "exact numeric literals use the Java
 * integer literal syntax", approximate ones "the Java floating-point literal syntax"): decimal, hex
 * {@code 0x}, octal {@code 0}, binary {@code 0b}, {@code L} suffix, underscores between digits,
 * fractions, exponents, {@code F}/{@code D} suffixes and hexadecimal floating point.
 *
 * <p>Range checks that depend on a preceding minus sign (e.g. {@code -9223372036854775808}) are the
 * parser's job; this class returns the magnitude.
 */
final class NumberScanner {

    private final String source;
    private final int start;
    private int position;

    private NumberScanner(String source, int start) {
        this.source = source;
        this.start = start;
        this.position = start;
    }

    /** Scans the literal starting at {@code start}, which is a digit or a '.' followed by a digit. */
    static Token scan(String source, int start) {
        return new NumberScanner(source, start).scan();
    }

    private Token scan() {
        if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            position += 2;
            return hexadecimal();
        }
        if (peek() == '0' && (peek(1) == 'b' || peek(1) == 'B')) {
            position += 2;
            return binary();
        }
        return decimal();
    }

    private Token decimal() {
        String integerDigits = digitRun(false);
        boolean floating = false;
        String fractionDigits = "";
        if (peek() == '.') {
            floating = true;
            position++;
            fractionDigits = digitRun(false);
        }
        if (peek() == 'e' || peek() == 'E') {
            floating = true;
            exponent();
        }
        char suffix = peek();
        boolean floatSuffix = suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D';
        boolean longSuffix = !floating && !floatSuffix && (suffix == 'l' || suffix == 'L');
        if (floatSuffix || longSuffix) {
            position++;
        }
        rejectTrailingIdentifierCharacters();
        checkUnderscores(integerDigits);
        checkUnderscores(fractionDigits);
        if (floating || floatSuffix) {
            return approximate(suffix == 'f' || suffix == 'F', integerDigits + fractionDigits);
        }
        String digits = integerDigits.replace("_", "");
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            if (!digits.chars().allMatch(c -> c <= '7')) {
                throw error("'" + text() + "' is not a valid octal number (integer literals starting with 0 are octal)");
            }
            return exact(new BigInteger(digits, 8), false, longSuffix);
        }
        return exact(new BigInteger(digits), true, longSuffix);
    }

    private Token hexadecimal() {
        String digits = digitRun(true);
        boolean floating = false;
        String fractionDigits = "";
        if (peek() == '.') {
            floating = true;
            position++;
            fractionDigits = digitRun(true);
        }
        if (digits.isEmpty() && fractionDigits.isEmpty()) {
            throw error("Hexadecimal literal '" + text() + "' has no digits");
        }
        if (peek() == 'p' || peek() == 'P') {
            floating = true;
            exponent();
        } else if (floating) {
            throw error("Hexadecimal floating-point literal '" + text() + "' needs a 'p' exponent");
        }
        checkUnderscores(digits);
        checkUnderscores(fractionDigits);
        if (floating) {
            char suffix = peek();
            if (suffix == 'f' || suffix == 'F' || suffix == 'd' || suffix == 'D') {
                position++;
            }
            rejectTrailingIdentifierCharacters();
            return approximate(suffix == 'f' || suffix == 'F', digits + fractionDigits);
        }
        boolean longSuffix = consumeLongSuffix();
        rejectTrailingIdentifierCharacters();
        return exact(new BigInteger(digits.replace("_", ""), 16), false, longSuffix);
    }

    private Token binary() {
        String digits = digitRun(false);
        if (digits.isEmpty()) {
            throw error("Binary literal '" + text() + "' has no digits");
        }
        boolean longSuffix = consumeLongSuffix();
        rejectTrailingIdentifierCharacters();
        checkUnderscores(digits);
        String plain = digits.replace("_", "");
        if (!plain.chars().allMatch(c -> c == '0' || c == '1')) {
            throw error("'" + text() + "' is not a valid binary number");
        }
        return exact(new BigInteger(plain, 2), false, longSuffix);
    }

    private void exponent() {
        position++; // 'e' or 'p'
        if (peek() == '+' || peek() == '-') {
            position++;
        }
        String digits = digitRun(false);
        if (digits.isEmpty()) {
            rejectTrailingIdentifierCharacters();
            throw error("Exponent of '" + text() + "' has no digits");
        }
        checkUnderscores(digits);
    }

    private Token approximate(boolean isFloat, String significandDigits) {
        String text = text().replace("_", "");
        Number value;
        boolean infinite;
        boolean zero;
        try {
            if (isFloat) {
                float f = Float.parseFloat(text);
                value = f;
                infinite = Float.isInfinite(f);
                zero = f == 0.0f;
            } else {
                double d = Double.parseDouble(text);
                value = d;
                infinite = Double.isInfinite(d);
                zero = d == 0.0;
            }
        } catch (NumberFormatException e) {
            throw error("Malformed number '" + text() + "'");
        }
        if (infinite) {
            throw error("Number '" + text() + "' is too large for a " + (isFloat ? "float" : "double"));
        }
        if (zero && significandDigits.chars().anyMatch(c -> c != '0' && c != '_')) {
            throw error("Number '" + text() + "' is too small for a " + (isFloat ? "float" : "double") + " and would round to zero");
        }
        return new Token(TokenKind.APPROXIMATE_NUMBER, text(), start, position, value, false, false);
    }

    private Token exact(BigInteger magnitude, boolean decimal, boolean longSuffix) {
        return new Token(TokenKind.EXACT_NUMBER, text(), start, position, magnitude, decimal, longSuffix);
    }

    private boolean consumeLongSuffix() {
        if (peek() == 'l' || peek() == 'L') {
            position++;
            return true;
        }
        return false;
    }

    /** Digits (hex digits if {@code hex}) and underscores; the caller checks the underscores. */
    private String digitRun(boolean hex) {
        int from = position;
        while (position < source.length()) {
            char c = source.charAt(position);
            boolean digit = (c >= '0' && c <= '9') || c == '_'
                    || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
            if (!digit) {
                break;
            }
            position++;
        }
        return source.substring(from, position);
    }

    /** Java allows underscores only between digits. */
    private void checkUnderscores(String digits) {
        if (!digits.isEmpty() && (digits.charAt(0) == '_' || digits.charAt(digits.length() - 1) == '_')) {
            throw error("Malformed number '" + text() + "': underscores are allowed only between digits");
        }
    }

    /** "12abc" or "1.5x" is one malformed token, not a number followed by an identifier. */
    private void rejectTrailingIdentifierCharacters() {
        if (position < source.length() && Character.isJavaIdentifierPart(source.codePointAt(position))) {
            while (position < source.length() && Character.isJavaIdentifierPart(source.codePointAt(position))) {
                position += Character.charCount(source.codePointAt(position));
            }
            throw error("Malformed number '" + text() + "'");
        }
    }

    private char peek() {
        return peek(0);
    }

    private char peek(int ahead) {
        int index = position + ahead;
        return index < source.length() ? source.charAt(index) : '\0';
    }

    private String text() {
        return source.substring(start, position);
    }

    private SelectorSyntaxException error(String reason) {
        return new SelectorSyntaxException(source, start, reason);
    }
}
