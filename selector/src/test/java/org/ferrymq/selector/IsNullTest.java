package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1 and 3.8.1.2: {@code IS [NOT] NULL}, the only operators that turn NULL into TRUE/FALSE. */
class IsNullTest {

    static Stream<Object> presentValues() {
        return Stream.of("", "x", 0, 0L, 0.0, 0.0f, (byte) 0, (short) 0, false, true, Double.NaN);
    }

    @ParameterizedTest(name = "[{index}] <{0}>")
    @MethodSource("presentValues")
    void presentValueIsNotNull(Object value) {
        SelectorContext message = message("p", value);
        assertTruth(Truth.FALSE, "p IS NULL", message);
        assertTruth(Truth.TRUE, "p IS NOT NULL", message);
    }

    @Test
    void absentValueIsNull() {
        assertTruth(Truth.TRUE, "p IS NULL", EMPTY);
        assertTruth(Truth.FALSE, "p IS NOT NULL", EMPTY);
        assertTruth(Truth.FALSE, "NOT p IS NULL", EMPTY);
    }

    @Test
    void propertyMappedToNullIsNull() {
        assertTruth(Truth.TRUE, "p IS NULL", message("p", null));
    }

    @Test
    void unknownExpressionsAreNull() {
        assertTruth(Truth.TRUE, "p + 1 IS NULL", EMPTY);
        assertTruth(Truth.FALSE, "p + 1 IS NULL", message("p", 1));
        assertTruth(Truth.TRUE, "(p = 1) IS NULL", EMPTY);
        assertTruth(Truth.TRUE, "(p = 1) IS NOT NULL", message("p", 2));
    }

    @Test
    void isNullGuardsAComparison() {
        String selector = "p IS NULL OR p > 5";
        assertTruth(Truth.TRUE, selector, EMPTY);
        assertTruth(Truth.TRUE, selector, message("p", 6));
        assertTruth(Truth.FALSE, selector, message("p", 4));
    }

    @Test
    void keywordsInAnyCase() {
        assertTruth(Truth.TRUE, "p is null", EMPTY);
        assertTruth(Truth.TRUE, "p Is Not Null", message("p", 1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"p IS", "p IS NOT", "p IS 1", "p IS TRUE", "p IS NOT 'x'", "p ISNULL", "p IS NULL NULL",
            "p = NULL", "p <> NULL", "NULL IS NULL", "p IS NOT NOT NULL", "p NOT IS NULL", "p IN (NULL)"})
    void invalidNullTestsAreRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void comparingWithNullExplainsIsNull() {
        SelectorSyntaxException e = assertInvalid("p = NULL");
        assertTrue(e.reason().contains("IS NULL"), e.reason());
    }
}
