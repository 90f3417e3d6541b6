package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.assertTruth;
import static org.ferrymq.selector.Messages.message;
import static org.ferrymq.selector.Messages.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec 3.8.1.1: exact and approximate values may be compared, and arithmetic uses Java numeric
 * promotion (byte/short/int to int, then long, float, double).
 */
class NumericPromotionTest {

    static Stream<Arguments> equalAcrossTypes() {
        return Stream.of(
                Arguments.of((byte) 5), Arguments.of((short) 5), Arguments.of(5), Arguments.of(5L),
                Arguments.of(5.0f), Arguments.of(5.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equalAcrossTypes")
    void everyPropertyNumberTypeComparesWithEveryLiteralType(Number five) {
        SelectorContext message = message("n", five);
        for (String literal : new String[] {"5", "5L", "5.0", "5.0f", "5e0", "0x5", "05"}) {
            assertTruth(Truth.TRUE, "n = " + literal, message);
            assertTruth(Truth.FALSE, "n <> " + literal, message);
            assertTruth(Truth.TRUE, "n >= " + literal, message);
            assertTruth(Truth.FALSE, "n > " + literal, message);
        }
    }

    static Stream<Arguments> promotedResults() {
        return Stream.of(
                // property a, property b, a + b
                Arguments.of((byte) 1, (byte) 2, 3),
                Arguments.of((short) 1, (byte) 2, 3),
                Arguments.of((short) 1, (short) 2, 3),
                Arguments.of(1, (short) 2, 3),
                Arguments.of(1, 2, 3),
                Arguments.of(1, 2L, 3L),
                Arguments.of(1L, (byte) 2, 3L),
                Arguments.of(1, 2.0f, 3.0f),
                Arguments.of(1L, 2.0f, 3.0f),
                Arguments.of(1.0f, 2.0f, 3.0f),
                Arguments.of(1, 2.0, 3.0),
                Arguments.of(1L, 2.0, 3.0),
                Arguments.of(1.0f, 2.0, 3.0),
                Arguments.of((byte) 1, 2.0, 3.0));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @MethodSource("promotedResults")
    void arithmeticResultHasPromotedType(Number a, Number b, Number sum) {
        Object actual = value("a + b", message("a", a, "b", b));
        assertEquals(sum, actual);
        assertEquals(sum.getClass(), actual.getClass());
    }

    @Test
    void intArithmeticOverflowsLikeJava() {
        SelectorContext message = message("i", Integer.MAX_VALUE, "l", (long) Integer.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, value("i + 1", message));
        assertEquals(2147483648L, value("l + 1", message));
        assertEquals(2147483648L, value("i + 1L", message));
        assertTruth(Truth.TRUE, "i + 1 < 0", message);
        assertTruth(Truth.TRUE, "i + 1L > 0", message);
    }

    @Test
    void longArithmeticOverflowsLikeJava() {
        assertEquals(Long.MIN_VALUE, value("l + 1", message("l", Long.MAX_VALUE)));
    }

    @Test
    void intLiteralMeetsLongProperty() {
        SelectorContext message = message("t", 1700000000000L);
        assertTruth(Truth.TRUE, "t > 5", message);
        assertTruth(Truth.TRUE, "t = 1700000000000", message);
        assertTruth(Truth.TRUE, "t / 1000 = 1700000000", message);
    }

    @Test
    void largeLongsCompareExactlyNotThroughDouble() {
        // 2^53 + 1 is not representable as a double; long comparison must keep it distinct
        SelectorContext message = message("l", 9007199254740993L);
        assertTruth(Truth.FALSE, "l = 9007199254740992", message);
        assertTruth(Truth.TRUE, "l > 9007199254740992", message);
        // but against a double it is promoted, as in Java
        assertTruth(Truth.TRUE, "l = 9007199254740992.0", message);
    }

    @Test
    void floatPromotedToDoubleKeepsFloatPrecision() {
        // Java: 1.1f == 1.1 is false, 1.1f == 1.1f is true
        SelectorContext message = message("f", 1.1f);
        assertTruth(Truth.FALSE, "f = 1.1", message);
        assertTruth(Truth.TRUE, "f = 1.1f", message);
        assertTruth(Truth.TRUE, "f = 1.1F", message);
        SelectorContext half = message("f", 0.5f);
        assertTruth(Truth.TRUE, "f = 0.5", half);
    }

    @Test
    void longAgainstFloatIsComparedAsFloatLikeJava() {
        // Java: 16777217L == 16777216f is true (the long is rounded to float)
        assertTruth(Truth.TRUE, "l = 16777216f", message("l", 16777217L));
        assertTruth(Truth.FALSE, "l = 16777216.0", message("l", 16777217L));
    }

    @Test
    void nanIsUnequalToEverythingIncludingItself() {
        SelectorContext message = message("d", Double.NaN, "f", Float.NaN);
        assertTruth(Truth.FALSE, "d = d", message);
        assertTruth(Truth.TRUE, "d <> d", message);
        assertTruth(Truth.FALSE, "d > 0", message);
        assertTruth(Truth.FALSE, "d <= 0", message);
        assertTruth(Truth.FALSE, "f = f", message);
        assertTruth(Truth.FALSE, "d BETWEEN 0 AND 1", message);
    }

    @Test
    void infinityComparesLikeJava() {
        SelectorContext message = message("d", Double.POSITIVE_INFINITY);
        assertTruth(Truth.TRUE, "d > 1.7976931348623157E308", message);
        assertTruth(Truth.TRUE, "d = 1.0 / 0", message);
    }

    @Test
    void negativeZeroEqualsZero() {
        assertTruth(Truth.TRUE, "d = 0", message("d", -0.0));
        assertTruth(Truth.TRUE, "d = 0.0", message("d", -0.0));
    }

    @Test
    void otherNumberClassesAreNotSelectorValues() {
        SelectorContext message = message("big", new java.math.BigDecimal("5"), "atomic", new java.util.concurrent.atomic.AtomicInteger(5));
        assertTruth(Truth.FALSE, "big = 5", message);
        assertTruth(Truth.FALSE, "atomic = 5", message);
        assertTruth(Truth.UNKNOWN, "big + 1 = 6", message);
    }
}
