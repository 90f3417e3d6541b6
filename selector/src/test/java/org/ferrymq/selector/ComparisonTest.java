package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1, comparison operators: like types only, strings and booleans with = and <> only. */
class ComparisonTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "5, =, 5, TRUE", "5, =, 6, FALSE",
            "5, <>, 6, TRUE", "5, <>, 5, FALSE",
            "5, <, 6, TRUE", "5, <, 5, FALSE", "6, <, 5, FALSE",
            "5, <=, 5, TRUE", "5, <=, 6, TRUE", "6, <=, 5, FALSE",
            "6, >, 5, TRUE", "5, >, 5, FALSE", "5, >, 6, FALSE",
            "5, >=, 5, TRUE", "6, >=, 5, TRUE", "5, >=, 6, FALSE",
            "-1, <, 0, TRUE", "-2147483648, <, 2147483647, TRUE",
            "2.5, >, 2, TRUE", "2.5, <, 3, TRUE", "1e3, =, 1000, TRUE"})
    void numericComparison(String left, String operator, String right, Truth expected) {
        assertTruth(expected, "x " + operator + " " + right, message("x", parseNumber(left)));
        // and with the literal on the left
        assertTruth(expected, left + " " + operator + " y", message("y", parseNumber(right)));
    }

    private static Number parseNumber(String text) {
        return text.contains(".") || text.contains("e") ? (Number) Double.parseDouble(text) : (Number) Integer.parseInt(text);
    }

    @ParameterizedTest(name = "''{0}'' {1} ''{2}'' -> {3}")
    @CsvSource({
            "blue, =, blue, TRUE", "blue, =, Blue, FALSE", "blue, =, ' blue', FALSE", "blue, <>, red, TRUE",
            "blue, <>, blue, FALSE", "'', =, '', TRUE"})
    void stringEquality(String left, String operator, String right, Truth expected) {
        assertTruth(expected, "s " + operator + " '" + right + "'", message("s", left));
    }

    @Test
    void stringsAreEqualOnlyWithTheSameCharacters() {
        assertTruth(Truth.FALSE, "s = 'e\u0301'", message("s", "\u00e9")); // no Unicode normalisation
        assertTruth(Truth.TRUE, "a = b", message("a", "same", "b", "sa" + "me".toString()));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            "true, =, TRUE, TRUE", "true, =, FALSE, FALSE", "false, =, FALSE, TRUE",
            "true, <>, FALSE, TRUE", "false, <>, FALSE, FALSE"})
    void booleanEquality(boolean value, String operator, String literal, Truth expected) {
        assertTruth(expected, "b " + operator + " " + literal, message("b", value));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"=", "<>", "<", "<=", ">", ">="})
    void nullOnEitherSideIsUnknown(String operator) {
        assertTruth(Truth.UNKNOWN, "missing " + operator + " 1", EMPTY);
        assertTruth(Truth.UNKNOWN, "1 " + operator + " missing", EMPTY);
        assertTruth(Truth.UNKNOWN, "a " + operator + " b", message("a", 1));
        assertTruth(Truth.UNKNOWN, "a " + operator + " b", message("b", 1));
        assertTruth(Truth.UNKNOWN, "a " + operator + " b", EMPTY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"=", "<>", "<", "<=", ">", ">="})
    void unlikeTypesAtRuntimeCompareFalse(String operator) {
        // spec: "If the comparison of non-like type values is attempted, the value of the operation is false."
        assertTruth(Truth.FALSE, "a " + operator + " b", message("a", "1", "b", 1));
        assertTruth(Truth.FALSE, "a " + operator + " b", message("a", true, "b", 1));
        assertTruth(Truth.FALSE, "a " + operator + " b", message("a", true, "b", "true"));
        assertTruth(Truth.FALSE, "a " + operator + " 1", message("a", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"=", "<>"})
    void numberPropertyAgainstStringLiteralIsFalse(String operator) {
        assertTruth(Truth.FALSE, "a " + operator + " '1'", message("a", 1));
        assertTruth(Truth.FALSE, "a " + operator + " TRUE", message("a", 1));
    }

    @Test
    void propertiesAreNotConvertedInSelectors() {
        // spec 3.8.1.1: the get-method conversions do not apply; '1' set as a String is not a number
        assertTruth(Truth.FALSE, "count = 1", message("count", "1"));
        assertTruth(Truth.FALSE, "flag = TRUE", message("flag", "true"));
    }

    @Test
    void unlikeTypesUnderNotAreTrue() {
        // the comparison is FALSE (not UNKNOWN), so NOT of it is TRUE
        assertTruth(Truth.TRUE, "NOT (a = 1)", message("a", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<", "<=", ">", ">="})
    void orderingOfStringsOrBooleansAtRuntimeIsFalse(String operator) {
        assertTruth(Truth.FALSE, "a " + operator + " b", message("a", "a", "b", "b"));
        assertTruth(Truth.FALSE, "a " + operator + " b", message("a", "b", "b", "a"));
        assertTruth(Truth.FALSE, "a " + operator + " b", message("a", true, "b", false));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "s > 'abc'", "s < 'abc'", "'abc' >= s", "'abc' <= s", "b > TRUE", "FALSE < b", "'a' = 1", "1 = 'a'",
            "'a' <> 1", "TRUE = 1", "'true' = TRUE", "1.5 <> 'x'", "(a = 1) = 1", "(a = 1) = 'x'", "x + 1 = 'x'",
            "'a' > 'b'", "TRUE > FALSE", "(a > 1) > 0", "a > (b = 1)"})
    void staticallyIllTypedComparisonsAreRejected(String selector) {
        assertInvalid(selector);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"(a = 1) = TRUE", "(a = 1) <> (b = 2)", "'a' = 'a'", "1 = 1.0", "1 = 1L", "x = TRUE",
            "x = 'a'", "x = y", "x > y", "x + 1 > y * 2"})
    void wellTypedComparisonsParse(String selector) {
        Selector.parse(selector);
    }

    @Test
    void comparingConditionsWithBooleans() {
        assertTruth(Truth.TRUE, "(a = 1) = TRUE", message("a", 1));
        assertTruth(Truth.TRUE, "(a = 1) = FALSE", message("a", 2));
        assertTruth(Truth.UNKNOWN, "(a = 1) = TRUE", EMPTY);
        assertTruth(Truth.TRUE, "(a = 1) = (b = 2)", message("a", 1, "b", 2));
    }

    @Test
    void orderingOfStringLiteralExplainsTheRule() {
        SelectorSyntaxException e = assertInvalid("name > 'abc'");
        assertEquals(7, e.position());
        assertTrue(e.reason().contains("'>' compares numbers only") && e.reason().contains("'abc' is a string"), e.reason());
    }

    @Test
    void unlikeLiteralsExplainTheRule() {
        SelectorSyntaxException e = assertInvalid("'a' = 1");
        assertEquals(4, e.position());
        assertTrue(e.reason().contains("Cannot compare 'a' (a string) with 1 (a number)"), e.reason());
    }

    @Test
    void literalComparisons() {
        assertTruth(Truth.TRUE, "1 = 1", EMPTY);
        assertTruth(Truth.FALSE, "1 = 2", EMPTY);
        assertTruth(Truth.TRUE, "'a' = 'a'", EMPTY);
        assertTruth(Truth.TRUE, "TRUE = TRUE", EMPTY);
        assertTruth(Truth.TRUE, "TRUE <> FALSE", EMPTY);
    }

    @Test
    void chainedComparisonIsASyntaxError() {
        SelectorSyntaxException e = assertInvalid("1 < a < 5");
        assertEquals(6, e.position());
    }
}
