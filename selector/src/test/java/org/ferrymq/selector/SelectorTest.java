package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.EMPTY;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The public API: parse once, match many, match-all selectors, identity, and thread safety. */
class SelectorTest {

    @ParameterizedTest(name = "[{index}] <{0}>")
    @NullSource
    @ValueSource(strings = {"", " ", "\t", "\n", "  \r\n\f "})
    void nullOrBlankSelectsEverything(String expression) {
        Selector selector = Selector.parse(expression);
        assertSame(Selector.matchAll(), selector);
        assertTrue(selector.isMatchAll());
        assertTrue(selector.matches(EMPTY));
        assertTrue(selector.referencedIdentifiers().isEmpty());
        assertEquals("", selector.expression());
    }

    @Test
    void matchAllNeverReadsTheMessage() {
        assertTrue(Selector.matchAll().matches(name -> {
            throw new AssertionError("read " + name);
        }));
    }

    @Test
    void trueLiteralIsMatchAllButOtherSelectorsAreNot() {
        assertTrue(Selector.parse("TRUE").isMatchAll());
        assertTrue(Selector.parse("(true)").isMatchAll());
        assertFalse(Selector.parse("FALSE").isMatchAll());
        assertFalse(Selector.parse("a = 1").isMatchAll());
        assertFalse(Selector.parse("1 = 1").isMatchAll());
    }

    @Test
    void specExampleCarSelector() {
        // spec 3.8.1: "JMSType = 'car' AND color = 'blue' AND weight > 2500"
        Selector selector = Selector.parse("JMSType = 'car' AND color = 'blue' AND weight > 2500");
        assertTrue(selector.matches(message("JMSType", "car", "color", "blue", "weight", 3000)));
        assertFalse(selector.matches(message("JMSType", "car", "color", "blue", "weight", 2500)));
        assertFalse(selector.matches(message("JMSType", "car", "color", "red", "weight", 3000)));
        assertFalse(selector.matches(message("JMSType", "car", "color", "blue")));
        assertEquals(List.of("JMSType", "color", "weight"), List.copyOf(selector.referencedIdentifiers()));
    }

    @Test
    void realisticSelector() {
        Selector selector = Selector.parse(
                "(region IN ('EU', 'US') OR region IS NULL) AND amount * rate BETWEEN 100 AND 1000.5 "
                        + "AND NOT (sku LIKE 'TEST-%') AND JMSPriority >= 4 AND urgent");
        assertTrue(selector.matches(message("region", "EU", "amount", 50, "rate", 2.5, "sku", "A-1",
                "JMSPriority", 4, "urgent", true)));
        assertTrue(selector.matches(message("amount", 50, "rate", 2.5, "sku", "A-1", "JMSPriority", 9, "urgent", true)));
        assertFalse(selector.matches(message("region", "EU", "amount", 50, "rate", 2.5, "sku", "TEST-1",
                "JMSPriority", 4, "urgent", true)));
        assertFalse(selector.matches(message("region", "EU", "amount", 50, "rate", 2.5, "sku", "A-1",
                "JMSPriority", 4)));
    }

    @Test
    void expressionAndToStringKeepTheSourceText() {
        Selector selector = Selector.parse("  a = 1  ");
        assertEquals("  a = 1  ", selector.expression());
        assertEquals("  a = 1  ", selector.toString());
    }

    @Test
    void equalityIsBySourceText() {
        assertEquals(Selector.parse("a = 1"), Selector.parse("a = 1"));
        assertEquals(Selector.parse("a = 1").hashCode(), Selector.parse("a = 1").hashCode());
        assertNotEquals(Selector.parse("a = 1"), Selector.parse("a=1"));
        assertEquals(Selector.parse(null), Selector.parse(""));
    }

    @Test
    void referencedIdentifiersAreUnmodifiable() {
        Selector selector = Selector.parse("a = 1");
        assertThrows(UnsupportedOperationException.class, () -> selector.referencedIdentifiers().add("b"));
    }

    @Test
    void parsedSelectorIsReusableAcrossMessages() {
        Selector selector = Selector.parse("n > 10");
        for (int i = 0; i < 100; i++) {
            assertEquals(i > 10, selector.matches(message("n", i)));
        }
    }

    @Test
    @Timeout(30)
    void oneSelectorEvaluatedConcurrentlyFromManyThreads() throws Exception {
        Selector selector = Selector.parse("s LIKE 'k%7' AND n BETWEEN 0 AND 1000000 AND t IN ('a', 'b') OR n * 2 = -2");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    int matched = 0;
                    for (int i = 0; i < 50_000; i++) {
                        SelectorContext message = message("s", "k" + i, "n", i, "t", i % 2 == 0 ? "a" : "c");
                        boolean expected = String.valueOf(i).endsWith("7") && i % 2 == 0;
                        if (selector.matches(message) != expected) {
                            throw new AssertionError("wrong result for " + i);
                        }
                        matched += expected ? 1 : 0;
                    }
                    return matched;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get(20, TimeUnit.SECONDS)); // even numbers never end in 7
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void contextExceptionsPropagate() {
        Selector selector = Selector.parse("a = 1");
        assertThrows(IllegalStateException.class, () -> selector.matches(name -> {
            throw new IllegalStateException("decode failed");
        }));
    }
}
