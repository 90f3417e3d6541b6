package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1: {@code [NOT] BETWEEN}, equivalent to {@code >= AND <=} / {@code < OR >}; NULL makes UNKNOWN. */
class BetweenTest {

    @ParameterizedTest(name = "age {0}: BETWEEN {1}, NOT BETWEEN {2}")
    @CsvSource({
            "14, FALSE, TRUE", "15, TRUE, FALSE", "17, TRUE, FALSE", "19, TRUE, FALSE", "20, FALSE, TRUE",
            "-100, FALSE, TRUE"})
    void specExampleAgeBetween15And19(int age, Truth between, Truth notBetween) {
        assertTruth(between, "age BETWEEN 15 AND 19", message("age", age));
        assertTruth(notBetween, "age NOT BETWEEN 15 AND 19", message("age", age));
        // the spec's equivalences
        assertTruth(between, "age >= 15 AND age <= 19", message("age", age));
        assertTruth(notBetween, "age < 15 OR age > 19", message("age", age));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"14.999, FALSE", "15.0, TRUE", "19.0, TRUE", "19.0001, FALSE"})
    void approximateValuesAgainstExactBounds(double value, Truth expected) {
        assertTruth(expected, "x BETWEEN 15 AND 19", message("x", value));
    }

    @Test
    void exactValueAgainstApproximateBounds() {
        assertTruth(Truth.TRUE, "x BETWEEN 1.5 AND 2.5", message("x", 2));
        assertTruth(Truth.FALSE, "x BETWEEN 1.5 AND 2.5", message("x", 3L));
    }

    @Test
    void boundsMayBeExpressionsAndProperties() {
        SelectorContext message = message("x", 10, "lo", 5, "hi", 8);
        assertTruth(Truth.TRUE, "x BETWEEN lo AND hi * 2", message);
        assertTruth(Truth.FALSE, "x BETWEEN lo AND hi", message);
        assertTruth(Truth.TRUE, "x - 5 BETWEEN lo AND hi", message);
        assertTruth(Truth.TRUE, "x BETWEEN -1 AND +10", message);
    }

    @Test
    void reversedBoundsMatchNothing() {
        assertTruth(Truth.FALSE, "x BETWEEN 19 AND 15", message("x", 17));
        assertTruth(Truth.TRUE, "x NOT BETWEEN 19 AND 15", message("x", 17));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing BETWEEN 1 AND 5", "x BETWEEN missing AND 5", "x BETWEEN 1 AND missing",
            "missing NOT BETWEEN 1 AND 5", "x NOT BETWEEN missing AND 5", "x NOT BETWEEN 1 AND missing",
            "x NOT BETWEEN 5 AND missing", "x BETWEEN 9 AND missing"})
    void anyNullOperandMakesUnknown(String selector) {
        // spec: "If any of the exprs of a BETWEEN operation are NULL the value of the operation is unknown"
        assertTruth(Truth.UNKNOWN, selector, message("x", 3));
    }

    @Test
    void nonNumericValueIsFalseForBothForms() {
        // by the spec's equivalences every comparison with a string is FALSE
        assertTruth(Truth.FALSE, "s BETWEEN 1 AND 5", message("s", "3"));
        assertTruth(Truth.FALSE, "s NOT BETWEEN 1 AND 5", message("s", "3"));
        assertTruth(Truth.TRUE, "NOT (s BETWEEN 1 AND 5)", message("s", "3"));
        assertTruth(Truth.FALSE, "x BETWEEN lo AND 5", message("x", 3, "lo", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x BETWEEN 'a' AND 'z'", "x BETWEEN 1 AND 'x'", "'m' BETWEEN 1 AND 2", "x BETWEEN TRUE AND 2",
            "x NOT BETWEEN 1 AND 'x'", "x BETWEEN 1", "x BETWEEN 1 OR 2", "x BETWEEN AND 2", "x BETWEEN 1 AND",
            "x NOT", "x NOT 5", "(x > 1) BETWEEN 0 AND 1"})
    void invalidBetweenIsRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void missingAndExplains() {
        SelectorSyntaxException e = assertInvalid("x BETWEEN 1 OR 2");
        assertTrue(e.reason().contains("Expected AND"), e.reason());
    }

    @Test
    void keywordsInAnyCase() {
        assertTruth(Truth.TRUE, "x between 1 and 5", message("x", 3));
        assertTruth(Truth.TRUE, "x Not Between 4 And 5", message("x", 3));
    }

    @Test
    void longBoundsAndTimestamps() {
        assertTruth(Truth.TRUE, "t BETWEEN 1699999999999 AND 1700000000001", message("t", 1700000000000L));
        assertTruth(Truth.TRUE, "t BETWEEN 0 AND 9223372036854775807", message("t", Long.MAX_VALUE));
        assertTruth(Truth.UNKNOWN, "t BETWEEN 0 AND 1", EMPTY);
    }
}
