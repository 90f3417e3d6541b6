package org.ferrymq.jms.provider.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.ferrymq.jms.provider.ProviderException;
import org.junit.jupiter.api.Test;

class VmConfirmsTest {

    @Test
    void multipleSettlesEverythingUpToTheTagAndSingleOnlyItself() throws Exception {
        VmConfirms confirms = new VmConfirms();
        List<CompletableFuture<Void>> f = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            f.add(confirms.register(java.time.Duration.ofSeconds(1)));   // sequence numbers 1..5
        }
        confirms.ack(3, true);
        assertTrue(f.get(0).isDone() && f.get(1).isDone() && f.get(2).isDone());
        assertFalse(f.get(3).isDone());
        confirms.nack(5, false);
        assertTrue(f.get(4).isCompletedExceptionally());
        assertFalse(f.get(3).isDone());
        assertEquals(1, confirms.outstanding());
        confirms.failAll(new ProviderException("gone", null));
        assertTrue(f.get(3).isCompletedExceptionally());
        assertEquals(0, confirms.outstanding());
        assertFalse(f.get(0).isCompletedExceptionally());
    }

    @Test
    void publishingWaitsWhenTooManyAreUnconfirmed() throws Exception {
        VmConfirms confirms = new VmConfirms();
        for (int i = 0; i < VmConfirms.MAX_UNCONFIRMED; i++) {
            confirms.register(java.time.Duration.ofSeconds(1));
        }
        org.junit.jupiter.api.Assertions.assertThrows(ProviderException.class,
                () -> confirms.register(java.time.Duration.ofMillis(50)));
        confirms.ack(10, true);
        assertFalse(confirms.register(java.time.Duration.ofMillis(50)).isDone());
    }
}
