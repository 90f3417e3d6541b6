package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.ferrymq.selector.Messages.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1, arithmetic operators: unary +/-, * /, + -, numeric only, NULL makes UNKNOWN. */
class ArithmeticTest {

    static Stream<Arguments> results() {
        return Stream.of(
                Arguments.of("1 + 2", 3), Arguments.of("5 - 7", -2), Arguments.of("6 * 7", 42),
                Arguments.of("7 / 2", 3), Arguments.of("-7 / 2", -3), Arguments.of("7.0 / 2", 3.5),
                Arguments.of("7 / 2.0", 3.5), Arguments.of("1.5 + 1.5", 3.0), Arguments.of("2 * 1.5f", 3.0f),
                Arguments.of("10 - 2 - 3", 5), Arguments.of("100 / 10 / 5", 2), Arguments.of("2 + 3 * 4", 14),
                Arguments.of("(2 + 3) * 4", 20), Arguments.of("2 * 3 + 4", 10), Arguments.of("2 - -3", 5),
                Arguments.of("-2 * -3", 6), Arguments.of("-(2 + 3)", -5), Arguments.of("+(2 + 3)", 5),
                Arguments.of("- - 2", 2), Arguments.of("1 - 2 * 3 / 4", 0), Arguments.of("1L + 1", 2L),
                Arguments.of("8 / 2 * 4", 16), Arguments.of("3e2 - 100", 200.0), Arguments.of("0x10 + 010 + 0b10", 26));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("results")
    void literalArithmetic(String expression, Number expected) {
        Object actual = value(expression);
        assertEquals(expected, actual);
        assertEquals(expected.getClass(), actual.getClass());
    }

    @Test
    void arithmeticOnProperties() {
        SelectorContext message = message("price", 12.5, "quantity", 4, "discount", 5);
        assertTruth(Truth.TRUE, "price * quantity - discount = 45", message);
        assertTruth(Truth.TRUE, "price * quantity > 49.9", message);
        assertTruth(Truth.TRUE, "-quantity = -4", message);
        assertTruth(Truth.TRUE, "+quantity = 4", message);
        assertTruth(Truth.TRUE, "quantity / 3 = 1", message);
    }

    @Test
    void unaryMinusPromotesByteAndShort() {
        assertEquals(-5, value("-b", message("b", (byte) 5)));
        assertEquals(-5, value("-s", message("s", (short) 5)));
        assertEquals(-5L, value("-l", message("l", 5L)));
        assertEquals(-5f, value("-f", message("f", 5f)));
        assertEquals(Integer.MIN_VALUE, value("-i", message("i", Integer.MIN_VALUE)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing + 1", "1 + missing", "missing * 2", "missing / 2", "2 - missing", "-missing",
            "+missing", "missing + missing"})
    void nullOperandMakesUnknown(String expression) {
        assertNull(value(expression, EMPTY));
        assertTruth(Truth.UNKNOWN, expression + " = 1", EMPTY);
        assertTruth(Truth.UNKNOWN, expression + " <> 1", EMPTY);
        assertTruth(Truth.TRUE, "(" + expression + ") IS NULL", EMPTY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s + 1", "1 + s", "s * 2", "-s", "+s", "b + 1", "-b"})
    void nonNumericPropertyInArithmeticIsUnknown(String expression) {
        SelectorContext message = message("s", "3", "b", true);
        assertNull(value(expression, message));
        assertTruth(Truth.UNKNOWN, expression + " = 1", message);
    }

    @Test
    void integerDivisionByZeroIsUnknown() {
        assertNull(value("1 / 0"));
        assertNull(value("n / 0", message("n", 5L)));
        assertNull(value("n / z", message("n", 5, "z", 0)));
        assertTruth(Truth.UNKNOWN, "n / 0 = 1", message("n", 5));
        assertTruth(Truth.UNKNOWN, "NOT (n / 0 = 1)", message("n", 5));
    }

    @Test
    void floatingDivisionByZeroFollowsJava() {
        assertEquals(Double.POSITIVE_INFINITY, value("1.0 / 0"));
        assertEquals(Double.NEGATIVE_INFINITY, value("-1 / 0.0"));
        assertTrue(Double.isNaN((Double) value("0.0 / 0")));
        assertEquals(Float.POSITIVE_INFINITY, value("1f / 0"));
    }

    @Test
    void longMinValueDividedByMinusOneWrapsLikeJava() {
        assertEquals(Long.MIN_VALUE, value("l / -1", message("l", Long.MIN_VALUE)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"'a' + 1 = 2", "1 + 'a' = 2", "'a' * 2 = 2", "-'a' = 1", "+'a' = 1", "TRUE + 1 = 2",
            "(a = 1) + 1 = 2", "x = 'a' + 'b'", "x / 'a' > 1", "- TRUE = 1", "-(a > 1) = 1", "x - FALSE = 0"})
    void arithmeticOnStringsOrBooleansIsRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void arithmeticTypeErrorNamesOperatorAndOperand() {
        SelectorSyntaxException e = assertInvalid("x = 'a' + 1");
        assertEquals(4, e.position());
        assertTrue(e.reason().contains("'+' needs numbers") && e.reason().contains("'a' is a string"), e.reason());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1 + 2", "x + 1", "'abc'", "x * y", "-x", "1"})
    void valueExpressionIsNotASelector(String selector) {
        SelectorSyntaxException e = assertInvalid(selector);
        assertTrue(e.reason().startsWith("A selector must be a condition"), e.reason());
    }
}
