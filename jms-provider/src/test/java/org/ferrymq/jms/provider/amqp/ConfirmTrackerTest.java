package org.ferrymq.jms.provider.amqp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;

import org.ferrymq.jms.provider.ProviderException;
import org.junit.jupiter.api.Test;

class ConfirmTrackerTest {

    @Test
    void multipleAckSettlesEverythingUpToTheTag() {
        ConfirmTracker t = new ConfirmTracker();
        CompletableFuture<Void> one = t.register(1);
        CompletableFuture<Void> two = t.register(2);
        CompletableFuture<Void> three = t.register(3);
        t.handleAck(2, true);
        assertTrue(one.isDone() && !one.isCompletedExceptionally());
        assertTrue(two.isDone() && !two.isCompletedExceptionally());
        assertFalse(three.isDone());
        t.handleAck(3, false);
        assertTrue(three.isDone());
    }

    @Test
    void nackFailsOnlyItsPublish() {
        ConfirmTracker t = new ConfirmTracker();
        CompletableFuture<Void> one = t.register(1);
        CompletableFuture<Void> two = t.register(2);
        t.handleNack(2, false);
        assertFalse(one.isDone());
        assertTrue(two.isCompletedExceptionally());
    }

    @Test
    void aClosedChannelFailsWhatIsPending() {
        ConfirmTracker t = new ConfirmTracker();
        CompletableFuture<Void> one = t.register(7);
        t.failAll(new ProviderException("gone", null));
        assertTrue(one.isCompletedExceptionally());
    }
}
