package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spec 3.8.1.1: logical operators in precedence order NOT, AND, OR; arithmetic unary +/-, then * /,
 * then + -; comparisons between them; parentheses override. Checked on the parse tree and by evaluation.
 */
class PrecedenceTest {

    @ParameterizedTest(name = "{0}  ==>  {1}")
    @CsvSource(delimiter = '|', value = {
            "a OR b AND c                | (a OR (b AND c))",
            "a AND b OR c                | ((a AND b) OR c)",
            "a OR b OR c                 | (a OR b OR c)",
            "a AND b AND c               | (a AND b AND c)",
            "NOT a AND b                 | ((NOT a) AND b)",
            "NOT a OR b                  | ((NOT a) OR b)",
            "a AND NOT b                 | (a AND (NOT b))",
            "NOT NOT a                   | (NOT (NOT a))",
            "NOT (a OR b)                | (NOT (a OR b))",
            "(a OR b) AND c              | ((a OR b) AND c)",
            "NOT x = 1                   | (NOT (x = 1))",
            "NOT x = 1 AND y = 2         | ((NOT (x = 1)) AND (y = 2))",
            "x = 1 OR y = 2 AND z = 3    | ((x = 1) OR ((y = 2) AND (z = 3)))",
            "x + y * z = 7               | ((x + (y * z)) = 7)",
            "x * y + z = 7               | (((x * y) + z) = 7)",
            "(x + y) * z = 7             | (((x + y) * z) = 7)",
            "x - y - z = 0               | (((x - y) - z) = 0)",
            "x / y / z = 0               | (((x / y) / z) = 0)",
            "x - y + z = 0               | (((x - y) + z) = 0)",
            "x / y * z = 0               | (((x / y) * z) = 0)",
            "-x * y = 0                  | (((-x) * y) = 0)",
            "-x + -y = 0                 | (((-x) + (-y)) = 0)",
            "x * -y = 0                  | ((x * (-y)) = 0)",
            "x = -1                      | (x = -1)",
            "x = - -1                    | (x = 1)",
            "x = -(1)                    | (x = -1)",
            "x - -1 = 0                  | ((x - -1) = 0)",
            "x - 1 > y + 1               | ((x - 1) > (y + 1))",
            "x + 1 BETWEEN y - 1 AND y * 2 | ((x + 1) BETWEEN (y - 1) AND (y * 2))",
            "x BETWEEN 1 AND 2 AND y = 3 | ((x BETWEEN 1 AND 2) AND (y = 3))",
            "x NOT BETWEEN 1 AND 2 OR b  | ((x NOT BETWEEN 1 AND 2) OR b)",
            "NOT x BETWEEN 1 AND 2       | (NOT (x BETWEEN 1 AND 2))",
            "NOT s LIKE 'a%'             | (NOT (s LIKE 'a%'))",
            "s LIKE 'a%' AND t IN ('x')  | ((s LIKE 'a%') AND (t IN ('x')))",
            "s IS NULL OR t IS NOT NULL  | ((s IS NULL) OR (t IS NOT NULL))",
            "NOT s IS NULL               | (NOT (s IS NULL))",
            "((((a))))                   | a",
            "(a OR b) OR c               | ((a OR b) OR c)",
            "a AND b OR c AND d OR e     | ((a AND b) OR (c AND d) OR e)",
            "(a = 1) = (b = 2)           | ((a = 1) = (b = 2))"})
    void parseTree(String selector, String tree) {
        assertEquals(tree.strip(), Selector.parse(selector).tree());
    }

    @Test
    void andBindsTighterThanOrByEvaluation() {
        // TRUE OR (FALSE AND FALSE) = TRUE, whereas (TRUE OR FALSE) AND FALSE would be FALSE
        assertTruth(Truth.TRUE, "a OR b AND c", message("a", true, "b", false, "c", false));
        assertTruth(Truth.FALSE, "(a OR b) AND c", message("a", true, "b", false, "c", false));
    }

    @Test
    void notBindsTighterThanAndByEvaluation() {
        // (NOT FALSE) AND FALSE = FALSE, whereas NOT (FALSE AND FALSE) would be TRUE
        assertTruth(Truth.FALSE, "NOT a AND b", message("a", false, "b", false));
        assertTruth(Truth.TRUE, "NOT (a AND b)", message("a", false, "b", false));
    }

    @Test
    void multiplicationBeforeAdditionByEvaluation() {
        assertTruth(Truth.TRUE, "2 + 3 * 4 = 14", EMPTY);
        assertTruth(Truth.TRUE, "(2 + 3) * 4 = 20", EMPTY);
        assertTruth(Truth.TRUE, "10 - 4 - 3 = 3", EMPTY);
        assertTruth(Truth.TRUE, "24 / 4 / 2 = 3", EMPTY);
        assertTruth(Truth.TRUE, "-2 * 3 = -6", EMPTY);
    }

    @Test
    void comparisonBindsLooserThanArithmetic() {
        assertTruth(Truth.TRUE, "x + 1 > 2 * 1", message("x", 2));
    }

    @Test
    void whitespaceIsFlexible() {
        SelectorContext message = message("x", 1, "s", "a");
        assertTruth(Truth.TRUE, "x=1", message);
        assertTruth(Truth.TRUE, "(x=1)AND(s='a')", message);
        assertTruth(Truth.TRUE, "  x\t=\n1\r\nAND\fs = 'a'  ", message);
        assertTruth(Truth.TRUE, "x<>2", message);
        assertTruth(Truth.TRUE, "x>=1 AND x<=1", message);
    }
}
