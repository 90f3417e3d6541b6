package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 3.8.1.1, literals: strings, exact and approximate numerics, booleans. */
class LiteralTest {

    @Nested
    class StringLiterals {

        static Stream<Arguments> strings() {
            return Stream.of(
                    Arguments.of("'literal'", "literal"),
                    Arguments.of("'literal''s'", "literal's"),
                    Arguments.of("''", ""),
                    Arguments.of("''''", "'"),
                    Arguments.of("''''''", "''"),
                    Arguments.of("'a''b''c'", "a'b'c"),
                    Arguments.of("'  spaces  '", "  spaces  "),
                    Arguments.of("'AND OR NOT'", "AND OR NOT"),
                    Arguments.of("'%_\\.*'", "%_\\.*"),
                    Arguments.of("'\"double\"'", "\"double\""),
                    Arguments.of("'line\nbreak'", "line\nbreak"),
                    Arguments.of("'ünïcödé €'", "ünïcödé €"),
                    Arguments.of("'\uD83D\uDE00'", "\uD83D\uDE00"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("strings")
        void stringLiteralValue(String literal, String expected) {
            assertEquals(expected, value(literal));
        }

        @Test
        void unterminatedStringIsRejectedAtItsOpeningQuote() {
            SelectorSyntaxException e = assertInvalid("name = 'abc");
            assertEquals(7, e.position());
            assertTrue(e.reason().contains("not terminated"), e.reason());
        }

        @Test
        void doubledQuoteAtEndStillUnterminated() {
            assertInvalid("name = 'abc''");
        }

        @Test
        void doubleQuotedStringIsRejectedWithHint() {
            SelectorSyntaxException e = assertInvalid("name = \"abc\"");
            assertTrue(e.reason().contains("single quotes"), e.reason());
        }
    }

    @Nested
    class ExactNumerics {

        static Stream<Arguments> exact() {
            return Stream.of(
                    Arguments.of("57", 57),
                    Arguments.of("-957", -957),
                    Arguments.of("+62", 62),
                    Arguments.of("0", 0),
                    Arguments.of("2147483647", Integer.MAX_VALUE),
                    Arguments.of("-2147483648", Integer.MIN_VALUE),
                    Arguments.of("2147483648", 2147483648L),
                    Arguments.of("-2147483649", -2147483649L),
                    Arguments.of("9223372036854775807", Long.MAX_VALUE),
                    Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                    Arguments.of("- 9223372036854775808", Long.MIN_VALUE),
                    Arguments.of("1700000000000", 1700000000000L),
                    Arguments.of("57L", 57L),
                    Arguments.of("57l", 57L),
                    Arguments.of("-57L", -57L),
                    Arguments.of("1_000_000", 1000000),
                    Arguments.of("0x1F", 31),
                    Arguments.of("0X1f", 31),
                    Arguments.of("0xFFFFFFFF", -1),
                    Arguments.of("0x7fffffff", Integer.MAX_VALUE),
                    Arguments.of("0xFFFFFFFFL", 4294967295L),
                    Arguments.of("0x100000000", 4294967296L),
                    Arguments.of("0xFFFF_FFFF_FFFF_FFFFL", -1L),
                    Arguments.of("-0x10", -16),
                    Arguments.of("010", 8),
                    Arguments.of("0_7", 7),
                    Arguments.of("00", 0),
                    Arguments.of("0b101", 5),
                    Arguments.of("0B1111_0000", 240),
                    Arguments.of("0b1L", 1L),
                    Arguments.of("--5", 5),
                    Arguments.of("-(5)", -5),
                    Arguments.of("+-5", -5));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("exact")
        void exactLiteralHasJavaValueAndType(String literal, Number expected) {
            Object actual = value(literal);
            assertEquals(expected, actual);
            assertEquals(expected.getClass(), actual.getClass(), "type of " + literal);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "9223372036854775808", "+9223372036854775808", "99999999999999999999", "-9223372036854775809",
                "9223372036854775808L", "0x1_0000_0000_0000_0000", "08", "09", "0_8",
                "1_", "1__", "0x", "0x_1", "0xG", "0b", "0b2", "0b_1", "12abc", "12L3", "1LL", "5AND"})
        void malformedOrOutOfRangeIntegerIsRejected(String literal) {
            assertInvalid("x = " + literal);
        }

        @Test
        void outOfRangeMessageNamesTheLiteral() {
            SelectorSyntaxException e = assertInvalid("x = 9223372036854775808");
            assertEquals(4, e.position());
            assertTrue(e.reason().contains("9223372036854775808") && e.reason().contains("range of long"), e.reason());
        }

        @Test
        void octalErrorExplainsLeadingZero() {
            SelectorSyntaxException e = assertInvalid("x = 089");
            assertTrue(e.reason().contains("octal"), e.reason());
        }
    }

    @Nested
    class ApproximateNumerics {

        static Stream<Arguments> approximate() {
            return Stream.of(
                    Arguments.of("7E3", 7000.0),
                    Arguments.of("-57.9E2", -5790.0),
                    Arguments.of("7.", 7.0),
                    Arguments.of(".5", 0.5),
                    Arguments.of("0.5", 0.5),
                    Arguments.of("1e-3", 0.001),
                    Arguments.of("1E+3", 1000.0),
                    Arguments.of("1.e2", 100.0),
                    Arguments.of("1.5D", 1.5),
                    Arguments.of("1.5d", 1.5),
                    Arguments.of("1d", 1.0),
                    Arguments.of("1.5F", 1.5f),
                    Arguments.of("1.5f", 1.5f),
                    Arguments.of("2f", 2.0f),
                    Arguments.of("-2.5f", -2.5f),
                    Arguments.of("1e10f", 1e10f),
                    Arguments.of("1_000.000_1", 1000.0001),
                    Arguments.of("07.5", 7.5),
                    Arguments.of("09e1", 90.0),
                    Arguments.of("0x1p3", 8.0),
                    Arguments.of("0x1.8p1", 3.0),
                    Arguments.of("0x.8p1f", 1.0f),
                    Arguments.of("1.7976931348623157E308", Double.MAX_VALUE),
                    Arguments.of("4.9E-324", Double.MIN_VALUE),
                    Arguments.of("0.0", 0.0),
                    Arguments.of("0e5", 0.0),
                    Arguments.of("-0.0", -0.0));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("approximate")
        void approximateLiteralHasJavaValueAndType(String literal, Number expected) {
            Object actual = value(literal);
            assertEquals(expected, actual);
            assertEquals(expected.getClass(), actual.getClass(), "type of " + literal);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"1e", "1e+", "1E-x", "1.5L", "1.5x", "1e400", "1e39f", "1e-400", "1e-50f",
                "1._5", "1_.5", "1e_5", "0x1.8", "0x1p", "1.5ff"})
        void malformedOrOutOfRangeApproximateIsRejected(String literal) {
            assertInvalid("x = " + literal);
        }

        @Test
        void tooLargeMessageNamesTheType() {
            SelectorSyntaxException e = assertInvalid("x > 1e39f");
            assertTrue(e.reason().contains("too large for a float"), e.reason());
        }
    }

    @Nested
    class BooleanLiterals {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"TRUE", "true", "True", "tRuE"})
        void trueInAnyCase(String literal) {
            assertEquals(Boolean.TRUE, value(literal));
            assertTrue(Selector.parse(literal).matches(Messages.EMPTY));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"FALSE", "false", "False", "fAlSe"})
        void falseInAnyCase(String literal) {
            assertEquals(Boolean.FALSE, value(literal));
            assertEquals(false, Selector.parse(literal).matches(Messages.EMPTY));
        }
    }
}
