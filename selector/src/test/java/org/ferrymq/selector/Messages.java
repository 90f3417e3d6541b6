package org.ferrymq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

/** Test fixture: map-backed messages and shortcuts to evaluate selectors in three-valued logic. */
final class Messages {

    static final SelectorContext EMPTY = name -> null;

    private Messages() {
    }

    /** A message with the given name/value pairs. */
    static SelectorContext message(Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values::get;
    }

    /** The three-valued result of {@code selector} for {@code message}. */
    static Truth truth(String selector, SelectorContext message) {
        return Parser.parse(selector).test(message);
    }

    /** The value of any expression, e.g. {@code 1 + 2L}. */
    static Object value(String expression, SelectorContext message) {
        return Parser.parseValue(expression).evaluate(message);
    }

    static Object value(String expression) {
        return value(expression, EMPTY);
    }

    /** Asserts the three-valued result, and that {@link Selector#matches} agrees (only TRUE matches). */
    static void assertTruth(Truth expected, String selector, SelectorContext message) {
        assertEquals(expected, truth(selector, message), () -> selector);
        assertEquals(expected == Truth.TRUE, Selector.parse(selector).matches(message), () -> "matches: " + selector);
    }

    static SelectorSyntaxException assertInvalid(String selector) {
        return assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector),
                () -> "should be rejected: " + selector);
    }
}
