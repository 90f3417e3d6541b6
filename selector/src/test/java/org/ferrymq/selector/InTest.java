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

/** Spec 3.8.1.1: {@code identifier [NOT] IN (string-literal, ...)}. */
class InTest {

    @ParameterizedTest(name = "Country {0}: IN {1}, NOT IN {2}")
    @CsvSource({"UK, TRUE, FALSE", "US, TRUE, FALSE", "France, TRUE, FALSE", "Peru, FALSE, TRUE",
            "uk, FALSE, TRUE", "' UK', FALSE, TRUE", "'', FALSE, TRUE"})
    void specExampleCountries(String country, Truth in, Truth notIn) {
        SelectorContext message = message("Country", country);
        assertTruth(in, "Country IN ('UK', 'US', 'France')", message);
        assertTruth(notIn, "Country NOT IN ('UK', 'US', 'France')", message);
        // the spec's equivalence
        assertTruth(in, "(Country = 'UK') OR (Country = 'US') OR (Country = 'France')", message);
    }

    @Test
    void nullIsUnknownForBothForms() {
        assertTruth(Truth.UNKNOWN, "Country IN ('UK', 'US')", EMPTY);
        assertTruth(Truth.UNKNOWN, "Country NOT IN ('UK', 'US')", EMPTY);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"int", "long", "double", "boolean", "byte", "float", "short"})
    void nonStringValueIsUnknownForBothForms(String type) {
        Object value = switch (type) {
            case "int" -> 1;
            case "long" -> 1L;
            case "double" -> 1.0;
            case "boolean" -> true;
            case "byte" -> (byte) 1;
            case "float" -> 1.0f;
            default -> (short) 1;
        };
        SelectorContext message = message("v", value);
        assertTruth(Truth.UNKNOWN, "v IN ('1', 'true', '1.0')", message);
        assertTruth(Truth.UNKNOWN, "v NOT IN ('1', 'true', '1.0')", message);
        assertTruth(Truth.UNKNOWN, "v NOT IN ('x')", message);
        // UNKNOWN stays UNKNOWN under NOT, and only TRUE selects
        assertTruth(Truth.UNKNOWN, "NOT (v NOT IN ('x'))", message);
        assertTruth(Truth.TRUE, "v NOT IN ('x') OR v IS NOT NULL", message);
        assertTruth(Truth.FALSE, "v NOT IN ('x') AND v IS NULL", message);
    }

    @Test
    void singleItemAndDuplicates() {
        assertTruth(Truth.TRUE, "s IN ('a')", message("s", "a"));
        assertTruth(Truth.TRUE, "s IN ('a', 'a', 'b')", message("s", "a"));
        assertTruth(Truth.FALSE, "s NOT IN ('a', 'a')", message("s", "a"));
    }

    @Test
    void itemsWithQuotesAndSpecialCharacters() {
        assertTruth(Truth.TRUE, "s IN ('it''s', 'x')", message("s", "it's"));
        assertTruth(Truth.TRUE, "s IN ('a,b', 'c')", message("s", "a,b"));
        assertTruth(Truth.TRUE, "s IN ('%', '_')", message("s", "%"));
        assertTruth(Truth.FALSE, "s IN ('%', '_')", message("s", "x"));
        assertTruth(Truth.TRUE, "s IN ('')", message("s", ""));
        assertTruth(Truth.TRUE, "s IN ('(', ')')", message("s", ")"));
    }

    @Test
    void largeList() {
        StringBuilder selector = new StringBuilder("s IN (");
        for (int i = 0; i < 1000; i++) {
            selector.append(i == 0 ? "" : ", ").append("'v").append(i).append("'");
        }
        selector.append(")");
        assertTruth(Truth.TRUE, selector.toString(), message("s", "v999"));
        assertTruth(Truth.FALSE, selector.toString(), message("s", "v1000"));
    }

    @Test
    void keywordsInAnyCase() {
        assertTruth(Truth.TRUE, "s in ('a')", message("s", "a"));
        assertTruth(Truth.TRUE, "s not in ('b')", message("s", "a"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s IN ()", "s IN ('a',)", "s IN (,'a')", "s IN ('a' 'b')", "s IN 'a'", "s IN ('a'",
            "s IN (1, 2)", "s IN ('a', 2)", "s IN (TRUE)", "s IN (x)", "s IN (NULL)", "s IN (('a'))", "5 IN ('5')",
            "s NOT IN ()", "(a = 1) IN ('x')", "s IN ('a') IN ('b')", "JMSPriority IN ('1')"})
    void invalidInIsRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void numericItemExplains() {
        SelectorSyntaxException e = assertInvalid("s IN ('a', 2)");
        assertEquals(11, e.position());
        assertTrue(e.reason().contains("IN list items must be string literals"), e.reason());
    }

    @Test
    void emptyListExplains() {
        SelectorSyntaxException e = assertInvalid("s IN ()");
        assertTrue(e.reason().contains("at least one"), e.reason());
    }
}
