package org.ferrymq.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.ferrymq.jms.destination.Destinations;
import org.ferrymq.jms.destination.FerryTopic;
import org.junit.jupiter.api.Test;

/** The x-expires fingerprint that pins a shared non-durable subscription's topic and selector to its queue. */
class SharedSubscriptionDefinitionTest {
    private static final long TEN_YEARS_MS = 315_360_000_000L;

    private static FerryTopic topic(String name) throws Exception {
        return Destinations.topic(name);
    }

    @Test
    void theSameTopicAndSelectorGiveTheSameArguments() throws Exception {
        assertEquals(SharedSubscriptionDefinition.queueArguments(topic("a.b"), "x = 1"),
                SharedSubscriptionDefinition.queueArguments(topic("a.b"), "x = 1"));
    }

    @Test
    void noSelectorIsNoSelectorHoweverItIsWritten() throws Exception {
        long none = SharedSubscriptionDefinition.expiryFor(topic("a.b"), null);
        assertEquals(none, SharedSubscriptionDefinition.expiryFor(topic("a.b"), ""));
        assertEquals(none, SharedSubscriptionDefinition.expiryFor(topic("a.b"), "   "));
        assertEquals(SharedSubscriptionDefinition.expiryFor(topic("a.b"), "x = 1"),
                SharedSubscriptionDefinition.expiryFor(topic("a.b"), "  x = 1 "));
    }

    @Test
    void anotherTopicOrSelectorGivesAnotherExpiry() throws Exception {
        long base = SharedSubscriptionDefinition.expiryFor(topic("a.b"), null);
        assertNotEquals(base, SharedSubscriptionDefinition.expiryFor(topic("a.c"), null));
        assertNotEquals(base, SharedSubscriptionDefinition.expiryFor(topic("logs/a.b"), null));
        assertNotEquals(base, SharedSubscriptionDefinition.expiryFor(topic("a.b"), "x = 1"));
        // the prefetch of a destination is a consumer setting, not part of the subscription
        assertEquals(base, SharedSubscriptionDefinition.expiryFor(topic("a.b?prefetch=5"), null));
    }

    @Test
    void theExpiryIsYearsAwayAndWithinWhatBrokersAccept() throws Exception {
        for (String name : new String[] {"a", "b.c", "logs3/europe.weather", "x".repeat(300)}) {
            long expiry = SharedSubscriptionDefinition.expiryFor(topic(name), "n > 3");
            assertTrue(expiry >= 1L << 37, "at least 4 years: " + expiry);
            assertTrue(expiry <= TEN_YEARS_MS, "at most RabbitMQ's ten years: " + expiry);
        }
        assertEquals(Map.of("x-expires", SharedSubscriptionDefinition.expiryFor(topic("a"), null)),
                SharedSubscriptionDefinition.queueArguments(topic("a"), null));
    }
}
