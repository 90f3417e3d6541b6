package org.ferrymq.selector;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Recursive-descent parser for the selector grammar of spec 3.8.1.1, lowest precedence first:
 * <pre>
 * selector       = or END
 * or             = and { OR and }
 * and            = not { AND not }
 * not            = NOT not | predicate
 * predicate      = additive [ comparison-op additive
 *                           | [NOT] BETWEEN additive AND additive
 *                           | [NOT] IN '(' string { ',' string } ')'
 *                           | [NOT] LIKE string [ESCAPE string]
 *                           | IS [NOT] NULL ]
 * additive       = multiplicative { ('+' | '-') multiplicative }
 * multiplicative = unary { ('*' | '/') unary }
 * unary          = ('+' | '-') unary | primary
 * primary        = literal | identifier | '(' or ')'
 * </pre>
 * It also rejects what is ill-typed before any message is seen (the spec allows this semantic
 * checking): arithmetic or ordering on strings and booleans, logic on numbers, comparing literals of
 * unlike types, and header fields used against their type (e.g. {@code JMSPriority = 'high'}).
 * Whatever depends on a property's type is left to evaluation, where it yields FALSE or UNKNOWN.
 *
 * <p>The operand of IN, LIKE and IS NULL may be any value expression, not only an identifier as in
 * the spec, as in other providers; its type is still checked.
 */
final class Parser {

    private static final BigInteger INT_BITS = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger LONG_BITS = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_LONG_MAGNITUDE = MAX_LONG.add(BigInteger.ONE);

    /** Bounds recursion in the parser (parentheses, NOT, signs): a selector is user input. */
    static final int MAX_NESTING = 256;
    /** Bounds the tree depth, and so the recursion when evaluating (long arithmetic chains). */
    static final int MAX_DEPTH = 1000;

    private final String source;
    private final List<Token> tokens;
    private int index;
    private int nesting;

    private Parser(String source) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
    }

    /** The expression tree of a non-blank selector. */
    static Expression parse(String source) {
        return new Parser(source).selector();
    }

    /** Any expression, also one that is not a condition such as {@code a + 1}; lets tests inspect values. */
    static Expression parseValue(String source) {
        Parser parser = new Parser(source);
        Expression expression = parser.or();
        if (parser.peek().kind() != TokenKind.END) {
            throw parser.error(parser.peek(), "Unexpected " + parser.peek().describe() + " after a complete expression");
        }
        return expression;
    }

    /** A parsed operand and where it is in the source, for quoting it in error messages. */
    private record Operand(Expression expression, int start, int end) {
    }

    private Operand operand(Supplier<Expression> rule) {
        int start = peek().start();
        Expression expression = rule.get();
        return checkDepth(new Operand(expression, start, previous().end()));
    }

    private Operand checkDepth(Operand operand) {
        if (operand.expression().depth() > MAX_DEPTH) {
            throw new SelectorSyntaxException(source, operand.start(),
                    "Expression is too deeply nested (more than " + MAX_DEPTH + " levels)");
        }
        return operand;
    }

    /** Enters one level of parser recursion, or rejects the selector if it nests too deeply. */
    private void enter(Token token) {
        if (++nesting > MAX_NESTING) {
            throw error(token, "Selector is nested too deeply (more than " + MAX_NESTING
                    + " levels of parentheses, NOT or signs)");
        }
    }

    private Expression selector() {
        Operand expression = operand(this::or);
        if (peek().kind() != TokenKind.END) {
            throw error(peek(), "Unexpected " + peek().describe() + " after a complete expression; expected AND, OR or end of selector");
        }
        requireType(expression, ValueType.BOOLEAN, "A selector must be a condition");
        return expression.expression();
    }

    private Expression or() {
        Operand first = operand(this::and);
        if (peek().kind() != TokenKind.OR) {
            return first.expression();
        }
        requireType(first, ValueType.BOOLEAN, "OR needs conditions on both sides");
        List<Expression> operands = new ArrayList<>();
        operands.add(first.expression());
        while (accept(TokenKind.OR)) {
            Operand next = operand(this::and);
            requireType(next, ValueType.BOOLEAN, "OR needs conditions on both sides");
            operands.add(next.expression());
        }
        return new Or(operands);
    }

    private Expression and() {
        Operand first = operand(this::not);
        if (peek().kind() != TokenKind.AND) {
            return first.expression();
        }
        requireType(first, ValueType.BOOLEAN, "AND needs conditions on both sides");
        List<Expression> operands = new ArrayList<>();
        operands.add(first.expression());
        while (accept(TokenKind.AND)) {
            Operand next = operand(this::not);
            requireType(next, ValueType.BOOLEAN, "AND needs conditions on both sides");
            operands.add(next.expression());
        }
        return new And(operands);
    }

    private Expression not() {
        if (peek().kind() == TokenKind.NOT) {
            enter(advance());
            Operand operand = operand(this::not);
            nesting--;
            requireType(operand, ValueType.BOOLEAN, "NOT needs a condition");
            return new Not(operand.expression());
        }
        return predicate();
    }

    private Expression predicate() {
        Operand left = operand(this::additive);
        Token token = peek();
        ComparisonOperator comparison = comparisonOperator(token.kind());
        if (comparison != null) {
            advance();
            return comparison(comparison, token, left);
        }
        boolean negated = false;
        if (token.kind() == TokenKind.NOT) {
            advance();
            negated = true;
            token = peek();
            if (token.kind() != TokenKind.BETWEEN && token.kind() != TokenKind.IN && token.kind() != TokenKind.LIKE) {
                throw error(token, "Expected BETWEEN, IN or LIKE after NOT but found " + token.describe());
            }
        }
        return switch (token.kind()) {
            case BETWEEN -> between(left, negated);
            case IN -> in(left, negated);
            case LIKE -> like(left, negated);
            case IS -> isNull(left);
            default -> left.expression();
        };
    }

    private Expression comparison(ComparisonOperator operator, Token operatorToken, Operand left) {
        Operand right = operand(this::additive);
        ValueType leftType = left.expression().type();
        ValueType rightType = right.expression().type();
        if (operator.isEquality()) {
            if (leftType != ValueType.ANY && rightType != ValueType.ANY && leftType != rightType) {
                throw error(operatorToken, "Cannot compare " + text(left) + " (" + leftType.description()
                        + ") with " + text(right) + " (" + rightType.description()
                        + "); only values of like types can be compared");
            }
        } else {
            String rule = "Operator '" + operator.symbol() + "' compares numbers only";
            requireType(left, ValueType.NUMBER, rule);
            requireType(right, ValueType.NUMBER, rule);
        }
        return new Comparison(operator, left.expression(), right.expression());
    }

    private Expression between(Operand value, boolean negated) {
        advance(); // BETWEEN
        String rule = (negated ? "NOT " : "") + "BETWEEN compares numbers only";
        requireType(value, ValueType.NUMBER, rule);
        Operand low = operand(this::additive);
        requireType(low, ValueType.NUMBER, rule);
        expect(TokenKind.AND, "AND between the bounds of BETWEEN");
        Operand high = operand(this::additive);
        requireType(high, ValueType.NUMBER, rule);
        return new Between(value.expression(), low.expression(), high.expression(), negated);
    }

    private Expression in(Operand value, boolean negated) {
        advance(); // IN
        requireType(value, ValueType.STRING, (negated ? "NOT " : "") + "IN applies to strings only");
        expect(TokenKind.LEFT_PAREN, "'(' to open the IN list");
        if (peek().kind() == TokenKind.RIGHT_PAREN) {
            throw error(peek(), "The IN list must contain at least one string literal");
        }
        List<String> items = new ArrayList<>();
        do {
            items.add(stringLiteral("IN list items must be string literals"));
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RIGHT_PAREN, "',' or ')' in the IN list");
        return new InList(value.expression(), items, negated);
    }

    private Expression like(Operand value, boolean negated) {
        advance(); // LIKE
        requireType(value, ValueType.STRING, (negated ? "NOT " : "") + "LIKE applies to strings only");
        Token patternToken = peek();
        String pattern = stringLiteral("The LIKE pattern must be a string literal");
        String escape = null;
        if (accept(TokenKind.ESCAPE)) {
            Token escapeToken = peek();
            escape = stringLiteral("The ESCAPE character must be a string literal");
            int length = escape.codePointCount(0, escape.length());
            if (length != 1) {
                throw error(escapeToken, "The ESCAPE string must be exactly one character, but " + escapeToken.text()
                        + " has " + length);
            }
        }
        try {
            return new Like(value.expression(), LikePattern.compile(pattern, escape), negated);
        } catch (IllegalArgumentException e) {
            throw error(patternToken, e.getMessage());
        }
    }

    private Expression isNull(Operand value) {
        advance(); // IS
        boolean negated = accept(TokenKind.NOT);
        if (peek().kind() != TokenKind.NULL) {
            throw error(peek(), "Expected NULL after IS" + (negated ? " NOT" : "") + " but found " + peek().describe());
        }
        advance();
        return new IsNull(value.expression(), negated);
    }

    private Expression additive() {
        Operand left = operand(this::multiplicative);
        while (peek().kind() == TokenKind.PLUS || peek().kind() == TokenKind.MINUS) {
            Token operator = advance();
            Operand right = operand(this::multiplicative);
            left = arithmetic(operator, left, right);
        }
        return left.expression();
    }

    private Expression multiplicative() {
        Operand left = operand(this::unary);
        while (peek().kind() == TokenKind.STAR || peek().kind() == TokenKind.SLASH) {
            Token operator = advance();
            Operand right = operand(this::unary);
            left = arithmetic(operator, left, right);
        }
        return left.expression();
    }

    private Operand arithmetic(Token operatorToken, Operand left, Operand right) {
        ArithmeticOperator operator = switch (operatorToken.kind()) {
            case PLUS -> ArithmeticOperator.ADD;
            case MINUS -> ArithmeticOperator.SUBTRACT;
            case STAR -> ArithmeticOperator.MULTIPLY;
            default -> ArithmeticOperator.DIVIDE;
        };
        String rule = "Arithmetic operator '" + operator.symbol() + "' needs numbers";
        requireType(left, ValueType.NUMBER, rule);
        requireType(right, ValueType.NUMBER, rule);
        return checkDepth(new Operand(new Arithmetic(operator, left.expression(), right.expression()), left.start(), right.end()));
    }

    private Expression unary() {
        Token sign = peek();
        if (sign.kind() != TokenKind.MINUS && sign.kind() != TokenKind.PLUS) {
            return primary();
        }
        advance();
        boolean negative = sign.kind() == TokenKind.MINUS;
        if (peek().kind() == TokenKind.EXACT_NUMBER) {
            // folded here because -9223372036854775808 is only valid with its sign
            return new Literal(exactValue(advance(), negative));
        }
        enter(sign);
        Operand operand = operand(this::unary);
        nesting--;
        requireType(operand, ValueType.NUMBER, "Unary '" + sign.text() + "' needs a number");
        if (operand.expression() instanceof Literal literal) {
            return negative ? new Literal(Negation.negate(literal.value())) : literal;
        }
        return negative ? new Negation(operand.expression()) : new UnaryPlus(operand.expression());
    }

    private Expression primary() {
        Token token = peek();
        switch (token.kind()) {
            case EXACT_NUMBER:
                advance();
                return new Literal(exactValue(token, false));
            case APPROXIMATE_NUMBER:
            case STRING:
                advance();
                return new Literal(token.value());
            case TRUE:
                advance();
                return Literal.TRUE;
            case FALSE:
                advance();
                return Literal.FALSE;
            case IDENTIFIER:
                advance();
                return new Identifier(token.text());
            case LEFT_PAREN:
                enter(advance());
                Expression inner = or();
                expect(TokenKind.RIGHT_PAREN, "')'");
                nesting--;
                return inner;
            case NULL:
                throw error(token, "NULL is not a value; test for it with IS NULL or IS NOT NULL");
            case END:
                throw error(token, "Unexpected end of selector; expected an identifier, a literal or '('");
            default:
                if (isKeyword(token.kind())) {
                    throw error(token, "Unexpected keyword " + token.describe()
                            + "; expected an identifier, a literal or '(' (keywords cannot be used as identifiers)");
                }
                throw error(token, "Unexpected " + token.describe() + "; expected an identifier, a literal or '('");
        }
    }

    /**
     * The Java type of an integer literal: decimal literals are int if they fit, else long (the spec
     * supports the whole long range without an L); hex, octal and binary literals are two's-complement
     * bit patterns of 32 bits (int) or 64 bits (long), as in Java.
     */
    private Number exactValue(Token token, boolean negative) {
        BigInteger magnitude = (BigInteger) token.value();
        if (token.decimal()) {
            BigInteger value = negative ? magnitude.negate() : magnitude;
            if (magnitude.compareTo(MAX_LONG) > 0 && !(negative && magnitude.equals(MIN_LONG_MAGNITUDE))) {
                throw error(token, "Integer literal " + token.text() + " is out of the range of long");
            }
            if (!token.longSuffix() && value.bitLength() < 32) {
                return value.intValue();
            }
            return value.longValue();
        }
        if (!token.longSuffix() && magnitude.compareTo(INT_BITS) < 0) {
            int bits = magnitude.intValue();
            return negative ? -bits : bits;
        }
        if (magnitude.compareTo(LONG_BITS) >= 0) {
            throw error(token, "Integer literal " + token.text() + " does not fit in 64 bits");
        }
        long bits = magnitude.longValue();
        return negative ? -bits : bits;
    }

    private String stringLiteral(String requirement) {
        Token token = peek();
        if (token.kind() != TokenKind.STRING) {
            throw error(token, requirement + ", but found " + token.describe());
        }
        advance();
        return (String) token.value();
    }

    private void requireType(Operand operand, ValueType wanted, String rule) {
        ValueType actual = operand.expression().type();
        if (!actual.canBe(wanted)) {
            throw new SelectorSyntaxException(source, operand.start(),
                    rule + ", but " + text(operand) + " is " + actual.description());
        }
    }

    private String text(Operand operand) {
        return source.substring(operand.start(), operand.end());
    }

    private static ComparisonOperator comparisonOperator(TokenKind kind) {
        return switch (kind) {
            case EQUAL -> ComparisonOperator.EQUAL;
            case NOT_EQUAL -> ComparisonOperator.NOT_EQUAL;
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            case GREATER_OR_EQUAL -> ComparisonOperator.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private static boolean isKeyword(TokenKind kind) {
        return kind.ordinal() >= TokenKind.NULL.ordinal() && kind.ordinal() <= TokenKind.ESCAPE.ordinal();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token previous() {
        return tokens.get(index - 1);
    }

    private Token advance() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.END) {
            index++;
        }
        return token;
    }

    private boolean accept(TokenKind kind) {
        if (peek().kind() == kind) {
            advance();
            return true;
        }
        return false;
    }

    private void expect(TokenKind kind, String what) {
        if (!accept(kind)) {
            throw error(peek(), "Expected " + what + " but found " + peek().describe());
        }
    }

    private SelectorSyntaxException error(Token token, String reason) {
        return new SelectorSyntaxException(source, token.start(), reason);
    }
}
