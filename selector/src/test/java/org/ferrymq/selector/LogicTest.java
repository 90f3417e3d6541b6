package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.2: the SQL three-valued truth tables for AND, OR and NOT. */
class LogicTest {

    /** A property holding TRUE, FALSE or nothing (UNKNOWN). */
    private static Object valueFor(Truth truth) {
        return switch (truth) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case UNKNOWN -> null;
        };
    }

    /** A condition with the given truth value built from comparisons, not boolean properties. */
    private static String conditionFor(Truth truth, String name) {
        return switch (truth) {
            case TRUE -> "(" + name + "n = 1)";
            case FALSE -> "(" + name + "n = 2)";
            case UNKNOWN -> "(" + name + "missing = 1)";
        };
    }

    private static SelectorContext operands(Truth a, Truth b) {
        return message("a", valueFor(a), "b", valueFor(b), "an", 1, "bn", 1);
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
            "TRUE, TRUE, TRUE", "TRUE, FALSE, FALSE", "TRUE, UNKNOWN, UNKNOWN",
            "FALSE, TRUE, FALSE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, FALSE",
            "UNKNOWN, TRUE, UNKNOWN", "UNKNOWN, FALSE, FALSE", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void andTruthTable(Truth a, Truth b, Truth expected) {
        assertTruth(expected, "a AND b", operands(a, b));
        assertTruth(expected, conditionFor(a, "a") + " AND " + conditionFor(b, "b"), operands(a, b));
        assertEquals(expected, a.and(b));
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
            "TRUE, TRUE, TRUE", "TRUE, FALSE, TRUE", "TRUE, UNKNOWN, TRUE",
            "FALSE, TRUE, TRUE", "FALSE, FALSE, FALSE", "FALSE, UNKNOWN, UNKNOWN",
            "UNKNOWN, TRUE, TRUE", "UNKNOWN, FALSE, UNKNOWN", "UNKNOWN, UNKNOWN, UNKNOWN"})
    void orTruthTable(Truth a, Truth b, Truth expected) {
        assertTruth(expected, "a OR b", operands(a, b));
        assertTruth(expected, conditionFor(a, "a") + " OR " + conditionFor(b, "b"), operands(a, b));
        assertEquals(expected, a.or(b));
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"TRUE, FALSE", "FALSE, TRUE", "UNKNOWN, UNKNOWN"})
    void notTruthTable(Truth a, Truth expected) {
        assertTruth(expected, "NOT a", operands(a, Truth.TRUE));
        assertTruth(expected, "NOT " + conditionFor(a, "a"), operands(a, Truth.TRUE));
        assertTruth(a, "NOT NOT a", operands(a, Truth.TRUE));
        assertEquals(expected, a.not());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"and", "And", "AND", "aNd"})
    void andIsCaseInsensitive(String and) {
        assertTruth(Truth.TRUE, "a " + and + " b", message("a", true, "b", true));
        assertTruth(Truth.FALSE, "a " + and + " b", message("a", true, "b", false));
    }

    @Test
    void orAndNotInAnyCase() {
        SelectorContext message = message("a", false, "b", true);
        assertTruth(Truth.TRUE, "a or b", message);
        assertTruth(Truth.TRUE, "not a", message);
        assertTruth(Truth.TRUE, "Not a oR b", message);
    }

    @Test
    void longChains() {
        SelectorContext message = message("a", 1, "b", 2, "c", 3);
        assertTruth(Truth.TRUE, "a = 1 AND b = 2 AND c = 3", message);
        assertTruth(Truth.FALSE, "a = 1 AND b = 2 AND c = 4", message);
        assertTruth(Truth.TRUE, "a = 9 OR b = 9 OR c = 3", message);
        assertTruth(Truth.UNKNOWN, "a = 1 AND b = 2 AND d = 3", message);
        assertTruth(Truth.TRUE, "a = 9 OR d = 9 OR c = 3", message);
    }

    @Test
    void andSkipsRightSideWhenLeftIsFalse() {
        AtomicInteger reads = new AtomicInteger();
        SelectorContext counting = name -> {
            reads.incrementAndGet();
            return name.equals("a") ? 2 : 1;
        };
        assertEquals(false, Selector.parse("a = 1 AND b = 1").matches(counting));
        assertEquals(1, reads.get());
    }

    @Test
    void orSkipsRightSideWhenLeftIsTrue() {
        AtomicInteger reads = new AtomicInteger();
        SelectorContext counting = name -> {
            reads.incrementAndGet();
            return 1;
        };
        assertTrue(Selector.parse("a = 1 OR b = 1").matches(counting));
        assertEquals(1, reads.get());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1 AND a", "a AND 1", "'x' OR a", "a OR 2.5", "NOT 1", "NOT 'x'", "NOT (1 + 2)",
            "a = 1 AND 5", "(a + 1) OR b", "NOT -a"})
    void logicOnNonConditionsIsRejected(String selector) {
        assertInvalid(selector);
    }

    @Test
    void logicTypeErrorExplains() {
        SelectorSyntaxException e = assertInvalid("a = 1 AND 5");
        assertEquals(10, e.position());
        assertTrue(e.reason().contains("AND needs conditions") && e.reason().contains("5 is a number"), e.reason());
    }

    @Test
    void literalConditions() {
        assertTruth(Truth.TRUE, "TRUE", Messages.EMPTY);
        assertTruth(Truth.FALSE, "FALSE", Messages.EMPTY);
        assertTruth(Truth.FALSE, "TRUE AND FALSE", Messages.EMPTY);
        assertTruth(Truth.TRUE, "TRUE OR FALSE", Messages.EMPTY);
        assertTruth(Truth.TRUE, "NOT FALSE", Messages.EMPTY);
        assertTruth(Truth.UNKNOWN, "TRUE AND x", Messages.EMPTY);
        assertTruth(Truth.FALSE, "FALSE AND x", Messages.EMPTY);
    }
}
