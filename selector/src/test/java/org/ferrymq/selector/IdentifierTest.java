package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1, identifiers: Java identifier rules, case sensitivity, reserved words, missing properties. */
class IdentifierTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a", "abc", "ABC", "_private", "$dollar", "a1", "a_b_c", "a$b", "über", "日本語", "αβγ",
            "JMSXDeliveryCount", "JMS_vendor_prop", "x__", "_", "$", "ın", "NULLABLE", "ANDY", "ORDER", "INTO", "ISO",
            "LIKELY", "ESCAPES", "BETWEENNESS", "NOTE", "TRUEISH", "FALSEHOOD", "SELECT", "FROM", "WHERE"})
    void javaIdentifierIsUsableAsProperty(String name) {
        assertTruth(Truth.TRUE, name + " = 'v'", message(name, "v"));
        assertEquals(List.of(name), List.copyOf(Selector.parse(name + " = 'v'").referencedIdentifiers()));
    }

    @Test
    void supplementaryCharactersInIdentifiers() {
        String name = "x\uD835\uDC00y"; // MATHEMATICAL BOLD CAPITAL A is a Java letter
        assertTruth(Truth.TRUE, name + " = 1", message(name, 1));
    }

    @Test
    void identifiersAreCaseSensitive() {
        SelectorContext message = message("color", "blue");
        assertTruth(Truth.TRUE, "color = 'blue'", message);
        assertTruth(Truth.UNKNOWN, "Color = 'blue'", message);
        assertTruth(Truth.UNKNOWN, "COLOR = 'blue'", message);
    }

    @Test
    void missingPropertyIsNull() {
        assertTruth(Truth.UNKNOWN, "missing = 1", EMPTY);
        assertTruth(Truth.TRUE, "missing IS NULL", EMPTY);
    }

    @Test
    void booleanPropertyIsACondition() {
        assertTruth(Truth.TRUE, "flag", message("flag", true));
        assertTruth(Truth.FALSE, "flag", message("flag", false));
        assertTruth(Truth.UNKNOWN, "flag", EMPTY);
        assertTruth(Truth.TRUE, "NOT flag", message("flag", false));
        assertTruth(Truth.TRUE, "flag AND other", message("flag", true, "other", true));
    }

    @Test
    void nonBooleanPropertyUsedAsConditionIsUnknown() {
        assertTruth(Truth.UNKNOWN, "flag", message("flag", "true"));
        assertTruth(Truth.UNKNOWN, "flag", message("flag", 1));
        assertTruth(Truth.UNKNOWN, "NOT flag", message("flag", 0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
            "null", "and", "Or", "between", "like", "In", "iS", "escape", "not"})
    void reservedWordsCannotBeIdentifiers(String word) {
        assertInvalid(word + " = 'x'");
    }

    @Test
    void keywordUsedAsIdentifierExplainsItself() {
        SelectorSyntaxException e = assertInvalid("x = 1 AND between = 2");
        assertEquals(10, e.position());
        assertTrue(e.reason().contains("keyword"), e.reason());
    }

    @Test
    void turkishDotlessIIsNotKeywordIn() {
        // "ın".toUpperCase() is "IN"; keywords must only match ASCII spellings
        assertTruth(Truth.TRUE, "ın = 'x'", message("ın", "x"));
    }

    @Test
    void identifierCannotStartWithDigit() {
        assertInvalid("1abc = 2");
    }

    @Test
    void referencedIdentifiersInOrderOfFirstAppearance() {
        Selector selector = Selector.parse("b = 1 AND a > 2 OR b < 0 OR c LIKE 'x' OR d IN ('y') OR e IS NULL "
                + "OR f BETWEEN g AND h + i");
        assertEquals(List.of("b", "a", "c", "d", "e", "f", "g", "h", "i"), List.copyOf(selector.referencedIdentifiers()));
    }

    @Test
    void referencedIdentifiersIncludeHeaders() {
        Selector selector = Selector.parse("JMSPriority > 4 AND JMSType = 'x' AND prop = 1");
        assertEquals(List.of("JMSPriority", "JMSType", "prop"), List.copyOf(selector.referencedIdentifiers()));
    }

    @Test
    void literalOnlySelectorReferencesNothing() {
        assertTrue(Selector.parse("1 = 1 AND 'a' = 'a'").referencedIdentifiers().isEmpty());
        assertTrue(Selector.parse(null).referencedIdentifiers().isEmpty());
    }
}
