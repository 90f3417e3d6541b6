package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec 3.8.1: a syntactically incorrect selector must be rejected when presented. Each error carries
 * the zero-based position of the offending token and a message saying what was expected.
 */
class SyntaxErrorTest {

    @ParameterizedTest(name = "{0}  @{1}: {2}")
    @CsvSource(delimiterString = " :: ", quoteCharacter = '"', value = {
            "a = :: 3 :: Unexpected end of selector; expected an identifier, a literal or '('",
            "= 1 :: 0 :: Unexpected '='; expected an identifier, a literal or '('",
            "(a = 1 :: 6 :: Expected ')' but found end of selector",
            "a = 1) :: 5 :: Unexpected ')' after a complete expression; expected AND, OR or end of selector",
            "a = 1 b = 2 :: 6 :: Unexpected 'b' after a complete expression; expected AND, OR or end of selector",
            "a = 1 AND :: 9 :: Unexpected end of selector; expected an identifier, a literal or '('",
            "a = 1 OR OR b = 2 :: 9 :: Unexpected keyword 'OR'; expected an identifier, a literal or '(' (keywords cannot be used as identifiers)",
            "NOT :: 3 :: Unexpected end of selector; expected an identifier, a literal or '('",
            "a != 1 :: 2 :: '!=' is not a selector operator; use <> for not equal",
            "a == 1 :: 2 :: '==' is not a selector operator; use = for equality",
            "a = 1 && b = 2 :: 6 :: Unexpected character '&' (U+0026)",
            "a = 1 || b = 2 :: 6 :: Unexpected character '|' (U+007C)",
            "a = #1 :: 4 :: Unexpected character '#' (U+0023)",
            "a = ; :: 4 :: Unexpected character ';' (U+003B)",
            "a = 1; DROP :: 5 :: Unexpected character ';' (U+003B)",
            "a = 'x :: 4 :: String literal is not terminated (missing closing ')",
            "a NOT = 1 :: 6 :: Expected BETWEEN, IN or LIKE after NOT but found '='",
            "a IS 1 :: 5 :: Expected NULL after IS but found '1'",
            "a IS NOT 1 :: 9 :: Expected NULL after IS NOT but found '1'",
            "a IN 'x' :: 5 :: Expected '(' to open the IN list but found string 'x'",
            "a IN ('x' 'y') :: 10 :: Expected ',' or ')' in the IN list but found string 'y'",
            "a BETWEEN 1 OR 2 :: 12 :: Expected AND between the bounds of BETWEEN but found 'OR'",
            "a LIKE b :: 7 :: The LIKE pattern must be a string literal, but found 'b'",
            "() :: 1 :: Unexpected ')'; expected an identifier, a literal or '('",
            "a = NULL :: 4 :: NULL is not a value; test for it with IS NULL or IS NOT NULL",
            "1 + 2 :: 0 :: A selector must be a condition, but 1 + 2 is a number",
            "'abc' :: 0 :: A selector must be a condition, but 'abc' is a string",
            "a = 1 AND 'x' :: 10 :: AND needs conditions on both sides, but 'x' is a string",
            "NOT 5 :: 4 :: NOT needs a condition, but 5 is a number",
            "a + 'x' = 1 :: 4 :: Arithmetic operator '+' needs numbers, but 'x' is a string",
            "s > 'x' :: 4 :: Operator '>' compares numbers only, but 'x' is a string",
            "s NOT IN ('x') = TRUE :: 15 :: Unexpected '=' after a complete expression; expected AND, OR or end of selector",
            "a IN ('x', 1) :: 11 :: IN list items must be string literals, but found '1'",
            "5 LIKE 'x' :: 0 :: LIKE applies to strings only, but 5 is a number",
            "5 NOT LIKE 'x' :: 0 :: NOT LIKE applies to strings only, but 5 is a number",
            "'x' NOT BETWEEN 1 AND 2 :: 0 :: NOT BETWEEN compares numbers only, but 'x' is a string"})
    void errorPositionAndMessage(String selector, int position, String reason) {
        SelectorSyntaxException e = assertInvalid(selector.strip());
        assertEquals(reason, e.reason());
        assertEquals(position, e.position());
        assertEquals(selector.strip(), e.expression());
    }

    @Test
    void messageIncludesReasonPositionAndSelector() {
        SelectorSyntaxException e = assertInvalid("color = 'blue' AND");
        assertEquals("Unexpected end of selector; expected an identifier, a literal or '(' at position 18 in selector: "
                + "color = 'blue' AND", e.getMessage());
    }

    @Test
    void isAnIllegalArgumentException() {
        assertTrue(IllegalArgumentException.class.isAssignableFrom(SelectorSyntaxException.class));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"(", ")", "((a)", "(a))", "a = (1", "a = 1 (", "a b", "a = = 1", "a = 1 =", "a <> <> 1",
            "a < > 1", "a > = 1", "a < = 1", "a =< 1", "a => 1", "AND", "OR a", "a AND", "a OR", "a AND OR b",
            "NOT NOT", "a = 1 NOT", "a ,", ",", "a = 1,2", "a * * 1 = 1", "a / = 1", "* a", "a = +", "a = -",
            "a = 1 -", "TRUE TRUE", "'a' 'b'", "a.b = 1", "a-b IS NULL AND", "a = `x`", "a = [1]", "a = {1}",
            "a = 1 ~", "a @ 1", "a ? 1", "a % 2 = 0", "a = 'x' ESCAPE 'y'", "ESCAPE", "a = 1 IS NULL IS NULL",
            "a BETWEEN 1 AND 2 AND", "a LIKE 'x' ESCAPE '!' ESCAPE '!'", "a IN ('x') IN ('y')", "-- comment",
            "a = 1 -- comment here", "/* c */ a = 1", "a = 1 /* c */", "\u00a0a = 1", "a\u2003= 1", "a = 1\u0000"})
    void malformedSelectorsAreRejected(String selector) {
        SelectorSyntaxException e = assertInvalid(selector);
        assertTrue(e.position() >= 0 && e.position() <= selector.length(), "position in range");
        assertTrue(!e.reason().isBlank());
    }

    @Test
    void sqlCommentsAreNotSupported() {
        // spec 3.8.1.3: "SQL comments are not supported"
        assertInvalid("a = 1 -- trailing words");
        assertInvalid("a = 1 /* block */");
    }

    @Test
    void doubleMinusIsTwoMinusSignsNotAComment() {
        // "1 -- x" is 1 - (-x), a valid expression
        assertEquals("(a = (1 - (-x)))", Selector.parse("a = 1 -- x").tree());
    }

    @Test
    void controlCharactersAreNamedByCodePoint() {
        SelectorSyntaxException e = assertInvalid("a = \u0007");
        assertTrue(e.reason().contains("U+0007"), e.reason());
        assertEquals(4, e.position());
    }

    @Test
    void nonBreakingSpaceIsNotWhitespace() {
        // only space, tab, form feed and line terminators are selector whitespace
        SelectorSyntaxException e = assertInvalid("a =\u00a01");
        assertEquals(3, e.position());
        assertTrue(e.reason().contains("U+00A0"), e.reason());
    }

    @Test
    void deeplyNestedParenthesesParse() {
        String selector = "(".repeat(200) + "a = 1" + ")".repeat(200);
        assertTrue(Selector.parse(selector).matches(Messages.message("a", 1)));
    }
}
