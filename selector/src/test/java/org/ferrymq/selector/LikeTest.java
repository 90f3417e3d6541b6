package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1: {@code identifier [NOT] LIKE pattern-value [ESCAPE escape-character]}. */
class LikeTest {

    private static void assertLike(String pattern, String value, boolean expected) {
        String selector = "s LIKE '" + pattern.replace("'", "''") + "'";
        assertTruth(Truth.of(expected), selector, message("s", value));
        assertTruth(Truth.of(!expected), "s NOT " + selector.substring(2), message("s", value));
    }

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            // spec examples
            "12%3 | 123 | true", "12%3 | 12993 | true", "12%3 | 1234 | false",
            "l_se | lose | true", "l_se | loose | false",
            // % matches any sequence, including the empty one
            "% | '' | true", "% | anything | true", "%% | '' | true", "a% | a | true", "a% | abc | true",
            "a% | ba | false", "%a | ba | true", "%a | ab | false", "%a% | xax | true", "%a% | xyz | false",
            "a%b%c | abc | true", "a%b%c | aXXbYYc | true", "a%b%c | aXXcYYb | false", "a%b%c | abcabc | true",
            "%abc | ababc | true", "%aab | aaab | true", "a%%b | ab | true", "%b%b | bbb | true", "%b%b | b | false",
            // _ matches exactly one character
            "_ | a | true", "_ | '' | false", "_ | ab | false", "__ | ab | true", "a_c | abc | true", "a_c | ac | false",
            "_% | a | true", "_% | '' | false", "%_ | '' | false", "%_%_ | ab | true", "%_%_ | a | false",
            // every other character stands for itself, case-sensitively
            "abc | abc | true", "abc | ABC | false", "abc | abcd | false", "abc | ab | false", "'' | '' | true",
            "'' | a | false", "a b | a b | true", "a b | ab | false"})
    void wildcards(String pattern, String value, boolean expected) {
        assertLike(pattern, value, expected);
    }

    @ParameterizedTest(name = "regex metacharacter {0}")
    @ValueSource(strings = {".", "*", "+", "?", "^", "$", "(", ")", "[", "]", "{", "}", "|", "\\", "\\E", "\\Q", "\\d",
            ".*", "[a-z]", "a{2}", "(?i)", "\\\\"})
    void regexMetacharactersAreLiteral(String meta) {
        assertLike("x" + meta + "y", "x" + meta + "y", true);
        assertLike("%" + meta + "%", "ab" + meta + "cd", true);
        assertLike("x" + meta + "y", "xzy", false);
        assertLike("x" + meta + "y", "xy", false);
        assertLike("x" + meta + "y", "xaay", false);
    }

    @Test
    void dotDoesNotMatchAnyCharacter() {
        assertLike("a.c", "abc", false);
        assertLike("a.*", "abc", false);
        assertLike("[abc]", "a", false);
    }

    @Test
    void quotesInPattern() {
        assertLike("it's%", "it's here", true);
        assertTruth(Truth.TRUE, "s LIKE '%''%'", message("s", "a'b"));
    }

    @Test
    void newlinesAndUnicode() {
        assertLike("a%b", "a\nb", true);
        assertLike("a_b", "a\nb", true);
        assertLike("a_b", "a\rb", true);
        assertLike("ü_%", "übel", true);
        assertLike("%€", "100 €", true);
    }

    @Test
    void underscoreMatchesOneSupplementaryCharacter() {
        String emoji = "\uD83D\uDE00";
        assertLike("a_b", "a" + emoji + "b", true);
        assertLike("a__b", "a" + emoji + "b", false);
        assertLike("%" + emoji, "xx" + emoji, true);
        assertLike(emoji + "_", emoji + emoji, true);
    }

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' ESCAPE ''\\\\'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            // spec example: underscored LIKE '\_%' ESCAPE '\'
            "\\_% | _foo | true", "\\_% | bar | false", "\\_% | _ | true",
            "\\%% | %off | true", "\\%% | off | false", "100\\% | 100% | true", "100\\% | 1000 | false",
            "a\\\\b | a\\b | true", "a\\\\b | ab | false", "%\\_% | snake_case | true", "%\\_% | camelCase | false",
            "\\a | a | true", "_\\__ | x_y | true", "_\\__ | xyz | false"})
    void backslashEscape(String pattern, String value, boolean expected) {
        assertTruth(Truth.of(expected), "s LIKE '" + pattern + "' ESCAPE '\\'", message("s", value));
        assertTruth(Truth.of(!expected), "s NOT LIKE '" + pattern + "' ESCAPE '\\'", message("s", value));
    }

    @Test
    void otherEscapeCharacters() {
        assertTruth(Truth.TRUE, "s LIKE '!_%' ESCAPE '!'", message("s", "_x"));
        assertTruth(Truth.FALSE, "s LIKE '!_%' ESCAPE '!'", message("s", "ax"));
        assertTruth(Truth.TRUE, "s LIKE 'a''%' ESCAPE ''''", message("s", "a%"));
        assertTruth(Truth.FALSE, "s LIKE 'a''%' ESCAPE ''''", message("s", "ab"));
        assertTruth(Truth.TRUE, "s LIKE 'x%%' ESCAPE '%'", message("s", "x%"));
        assertTruth(Truth.FALSE, "s LIKE 'x%%' ESCAPE '%'", message("s", "x%y"));
        assertTruth(Truth.TRUE, "s LIKE 'x__' ESCAPE '_'", message("s", "x_"));
        assertTruth(Truth.TRUE, "s LIKE '$_' ESCAPE '$'", message("s", "_"));
        assertTruth(Truth.TRUE, "s LIKE '.%' ESCAPE '.'", message("s", "%"));
        assertTruth(Truth.TRUE, "s LIKE '%\\' ESCAPE '!'", message("s", "a\\"));
    }

    @Test
    void backslashIsOrdinaryWithoutEscapeClause() {
        assertLike("\\_", "\\x", true);
        assertLike("\\_", "_", false);
    }

    @Test
    void escapeKeywordInAnyCase() {
        assertTruth(Truth.TRUE, "s like '!_' escape '!'", message("s", "_"));
    }

    @Test
    void nullIsUnknownForBothForms() {
        assertTruth(Truth.UNKNOWN, "s LIKE '%'", EMPTY);
        assertTruth(Truth.UNKNOWN, "s NOT LIKE '%'", EMPTY);
    }

    @Test
    void nonStringValueDoesNotMatch() {
        assertTruth(Truth.FALSE, "n LIKE '1%'", message("n", 12));
        assertTruth(Truth.TRUE, "n NOT LIKE '1%'", message("n", 12));
        assertTruth(Truth.FALSE, "b LIKE 'true'", message("b", true));
    }

    @Test
    void pathologicalPatternStaysFast() {
        String value = "a".repeat(5000);
        String pattern = "%a%a%a%a%a%a%a%a%a%a%b";
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertTruth(Truth.FALSE, "s LIKE '" + pattern + "'", message("s", value)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"s LIKE 'a' ESCAPE ''", "s LIKE 'a' ESCAPE 'ab'", "s LIKE 'a\\' ESCAPE '\\'",
            "s LIKE 'a!' ESCAPE '!'", "s LIKE 5", "s LIKE x", "s LIKE", "s LIKE 'a' ESCAPE", "s LIKE 'a' ESCAPE 1",
            "s LIKE 'a' ESCAPE x", "5 LIKE '5'", "(a = 1) LIKE 'x'", "s LIKE ('a')", "s LIKE 'a' || 'b'",
            "s LIKE 'a' + 'b'", "s NOT LIKE", "s LIKE NULL"})
    void invalidLikeIsRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void multiCharacterEscapeExplains() {
        SelectorSyntaxException e = assertInvalid("s LIKE 'a' ESCAPE 'ab'");
        assertEquals(18, e.position());
        assertTrue(e.reason().contains("exactly one character"), e.reason());
    }

    @Test
    void trailingEscapeExplains() {
        SelectorSyntaxException e = assertInvalid("s LIKE 'a!' ESCAPE '!'");
        assertEquals(7, e.position());
        assertTrue(e.reason().contains("ends with the escape character"), e.reason());
    }

    @Test
    void supplementaryEscapeCharacterIsOneCharacter() {
        String emoji = "\uD83D\uDE00";
        assertTruth(Truth.TRUE, "s LIKE '" + emoji + "%' ESCAPE '" + emoji + "'", message("s", "%"));
    }
}
