package org.ferrymq.selector;

import static org.ferrymq.selector.Messages.assertInvalid;
import static org.ferrymq.selector.Messages.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Selectors are user input that the broker evaluates on its own threads: huge or hostile ones must
 * be rejected with a {@link SelectorSyntaxException} or evaluated safely, never overflow the stack.
 */
@Timeout(30)
class RobustnessTest {

    @Test
    void longGeneratedOrChainIsOneFlatNode() {
        String selector = IntStream.range(0, 20_000).mapToObj(i -> "id = " + i).collect(Collectors.joining(" OR "));
        Selector parsed = Selector.parse(selector);
        assertTrue(parsed.matches(message("id", 19_999)));
        assertFalse(parsed.matches(message("id", 20_000)));
    }

    @Test
    void longGeneratedAndChain() {
        String selector = IntStream.range(0, 20_000).mapToObj(i -> "p" + i + " IS NULL").collect(Collectors.joining(" AND "));
        assertTrue(Selector.parse(selector).matches(Messages.EMPTY));
        assertEquals(20_000, Selector.parse(selector).referencedIdentifiers().size());
    }

    @Test
    void nestingWithinTheLimitParses() {
        int levels = Parser.MAX_NESTING;
        String selector = "(".repeat(levels) + "a = 1" + ")".repeat(levels);
        assertTrue(Selector.parse(selector).matches(message("a", 1)));
        assertTrue(Selector.parse("NOT ".repeat(levels) + "a = 1").matches(message("a", 1)));
    }

    @Test
    void deepParenthesesAreRejectedNotOverflowed() {
        String selector = "(".repeat(100_000) + "a = 1" + ")".repeat(100_000);
        SelectorSyntaxException e = assertInvalid(selector);
        assertTrue(e.reason().contains("nested too deeply"), e.reason());
        assertEquals(Parser.MAX_NESTING, e.position());
    }

    @Test
    void deepNotChainIsRejected() {
        SelectorSyntaxException e = assertInvalid("NOT ".repeat(100_000) + "a");
        assertTrue(e.reason().contains("nested too deeply"), e.reason());
    }

    @Test
    void deepSignChainIsRejected() {
        assertInvalid("a = " + "-".repeat(100_000) + "b");
    }

    @Test
    void longArithmeticChainBeyondTheDepthLimitIsRejected() {
        String selector = "a" + " + 1".repeat(Parser.MAX_DEPTH + 5) + " > 0";
        SelectorSyntaxException e = assertInvalid(selector);
        assertTrue(e.reason().contains("too deeply nested"), e.reason());
    }

    @Test
    void longArithmeticChainWithinTheLimitEvaluates() {
        String selector = "a" + " + 1".repeat(Parser.MAX_DEPTH - 10) + " = " + (Parser.MAX_DEPTH - 10);
        assertTrue(Selector.parse(selector).matches(message("a", 0)));
    }

    @Test
    void hugeStringLiteral() {
        String big = "x".repeat(1_000_000);
        assertTrue(Selector.parse("s = '" + big + "'").matches(message("s", big)));
    }

    @Test
    void randomGarbageNeverThrowsAnythingButSyntaxErrors() {
        String alphabet = "ab1 .'()=<>+-*/,%_!ANDORNOTINLIKEISNULLBETWEENESCAPETRUEFALSE\t\n0x9eEfFlL";
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                Selector selector = Selector.parse(text.toString());
                selector.matches(message("a", 1, "b", "x", "ab", true));
            } catch (SelectorSyntaxException expected) {
                assertTrue(expected.position() >= 0 && expected.position() <= text.length(), text::toString);
            }
        }
    }
}
