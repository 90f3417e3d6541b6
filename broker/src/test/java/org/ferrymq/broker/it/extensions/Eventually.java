package org.ferrymq.broker.it.extensions;

import java.time.Duration;

/**
 * Polls a condition until it holds, instead of sleeping for a fixed time: time-based features
 * (TTL, queue expiry) are checked as soon as the broker has acted, and a slow machine only makes
 * the test slower, not red.
 */
final class Eventually {
    private static final long POLL_MILLIS = 25;

    private Eventually() {
    }

    /** A condition that may talk to the broker. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits until the condition holds; fails with the description after the timeout. */
    static void await(String description, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + description);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Sleeps briefly; only where a test must let time pass (e.g. for a TTL to run out while a message is held). */
    static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
