package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One table of whole selectors against one message, in the style of JMS conformance suites: each row
 * either selects the message, does not select it, or must be rejected when the consumer is created.
 */
class ConformanceTest {

    private static final SelectorContext MESSAGE = Messages.message(
            "Country", "France",
            "rate", 0.2,
            "zero", 0.0,
            "floatNaN", Float.NaN,
            "doubleNaN", Double.NaN,
            "one", 1, "two", 2, "three", 3,
            "age", 17,
            "flag", true,
            "JMSDeliveryMode", "PERSISTENT",
            "JMSPriority", 4,
            "JMSTimestamp", 1700000000000L,
            "JMSMessageID", "ID:ferry-1",
            "JMSType", "car");

    enum Outcome { SELECTS, SKIPS, INVALID }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
            // literals and string comparison
            "'abc' = 'abc' -> SELECTS", "'abc' = 'ABC' -> SKIPS", "'abc' <> 'ABC' -> SELECTS",
            "Country = 'France' -> SELECTS", "Country = 'france' -> SKIPS", "'it''s' = 'it''s' -> SELECTS",
            "'it''s' = 'its' -> SKIPS", "'abc' < 'abc' -> INVALID", "dummy < 'abc' -> INVALID", "'abc' >= dummy -> INVALID",
            "'abc' -> INVALID", "'abc' = 'abc -> INVALID", "'abc' = abc' -> INVALID", "'abc = 'abc' -> INVALID",
            "'abc'''' = 'abc' -> INVALID", "abc = `abc` -> INVALID",
            // approximate numerics
            "0.0 = 0.0 -> SELECTS", "0.2 = 0.2 -> SELECTS", "0.2 = 0.0 -> SKIPS", "92d = 92 -> SELECTS", "93f = 93 -> SELECTS",
            "1.0 <> 1.1 -> SELECTS", "-1.0 = -1.0 -> SELECTS", "--1.0 = 1.0 -> SELECTS", "rate = 0.2 -> SELECTS",
            "rate <> 0.2 -> SKIPS", "dummy + 10.0 = 10.0 -> SKIPS", "10.0 / dummy = 1.0 -> SKIPS",
            "4.9E-324=4.9E-324 and 1.7976931348623157E308=1.7976931348623157E308 -> SELECTS",
            "10.0 / zero = 10.0 / zero -> SELECTS", "floatNaN = floatNaN -> SKIPS", "floatNaN <> floatNaN -> SELECTS",
            "doubleNaN = doubleNaN -> SKIPS", "doubleNaN <> doubleNaN -> SELECTS", "1.0 -> INVALID", "-1.0 -> INVALID",
            "2.0 < '3.0' -> INVALID",
            // exact numerics
            "average = +62 OR TRUE -> SELECTS", "max = -957 -> SKIPS", "max = 0 OR max = 0.0 OR max = 0. -> SKIPS",
            "9223372036854775807 > -9223372036854775808 -> SELECTS",
            // BETWEEN
            "17 between 16 and 18 -> SELECTS", "17 between 18 and 19 -> SKIPS", "17 Between 17 And 17 -> SELECTS",
            "17 between 4 * 4 and 10 + 8 -> SELECTS", "17 between 4 * 5 and 10 + 12 -> SKIPS",
            "two between one and three -> SELECTS", "17 not between 18 and 19 -> SELECTS",
            "17 NOT between 17 and 17 -> SKIPS", "17 Not Between 4 * 5 And 20 / 1 -> SELECTS",
            "two not between one and three -> SKIPS", "dummy between 1 and 10 -> SKIPS", "1 between dummy and 10 -> SKIPS",
            "1 between 0 and dummy -> SKIPS", "two between '1' and '3' -> INVALID", "one between false and true -> INVALID",
            "'b' between 'a' and 'c' -> INVALID", "between 1 and 3 -> INVALID", "not between 1 and 3 -> INVALID",
            "2 between 1, 3 -> INVALID", "2 between 1 and -> INVALID", "2 between and 3 -> INVALID",
            "JMSMessageID between 1 and 10 -> INVALID",
            // IN
            "Country in ('France') -> SELECTS", "Country not in ('France') -> SKIPS",
            "Country in ('UK', 'US', 'France') -> SELECTS", "Country in ('UK', 'US', 'Peru') -> SKIPS",
            "Country in ('FRANCE') -> SKIPS", "dummy in ('France') -> SKIPS", "age in (21, 22, 23) -> INVALID",
            "Country in 'France', 'UK' -> INVALID", "Country in ('France', 'UK' -> INVALID",
            "in Country ('France', 'UK') -> INVALID", "Country in ('France' 'UK') -> INVALID",
            "Country in (France) -> INVALID", "Country in () -> INVALID",
            // LIKE and IS NULL
            "Country LIKE 'Fr%' -> SELECTS", "Country LIKE 'Fr_nce' -> SELECTS", "Country NOT LIKE '%a%' -> SKIPS",
            "dummy LIKE '%' -> SKIPS", "dummy NOT LIKE '%' -> SKIPS", "Country LIKE France -> INVALID",
            "dummy IS NULL -> SELECTS", "Country IS NOT NULL -> SELECTS", "Country IS NULL -> SKIPS",
            // logic and reserved words
            "flag -> SELECTS", "NOT flag -> SKIPS", "flag AND dummy -> SKIPS", "flag OR dummy -> SELECTS",
            "NOT (flag AND dummy) -> SKIPS", "and -> INVALID", "or -> INVALID", "NULL = ZERO -> INVALID",
            "TRUE > 0 -> INVALID", "FALSE > 0 -> INVALID", "NOT > 0 -> INVALID", "AND > 0 -> INVALID", "OR > 0 -> INVALID",
            "BETWEEN > 0 -> INVALID", "LIKE > 0 -> INVALID", "IN > 0 -> INVALID", "IS > 0 -> INVALID",
            "ESCAPE > 0 -> INVALID", "1uncorrect IS NULL -> INVALID", "%uncorrect IS NULL -> INVALID",
            // headers
            "JMSDeliveryMode = 'PERSISTENT' -> SELECTS", "JMSPriority >= 0 AND JMSPriority <= 9 -> SELECTS",
            "JMSTimestamp > 0 -> SELECTS", "JMSMessageID LIKE 'ID:%' -> SELECTS", "JMSType = 'car' -> SELECTS",
            "JMSCorrelationID IS NULL -> SELECTS", "JMSPriority >= '0' -> INVALID", "JMSTimestamp >= '0' -> INVALID"})
    void selector(String selector, Outcome expected) {
        if (expected == Outcome.INVALID) {
            assertInvalid(selector);
            return;
        }
        assertEquals(expected == Outcome.SELECTS, Selector.parse(selector).matches(MESSAGE), selector);
    }
}
