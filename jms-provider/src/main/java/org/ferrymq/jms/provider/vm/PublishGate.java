package org.ferrymq.jms.provider.vm;

import java.util.function.BooleanSupplier;

/**
 * The broker's channel.flow for one in-process channel: while the broker says active=false (a
 * queue this channel feeds is too far ahead of its consumers), {@code publish} waits here instead
 * of writing. Over a socket TCP would push back; an in-process pipe has no such limit, so without
 * this the publishes would pile up unread in front of the broker and latency would grow with them.
 *
 * <p>Closed from the event loop ({@link #hold}, {@link #open}); waited on by publishing threads.
 */
final class PublishGate {
    /** How often a waiting publisher looks whether its channel is still open (a late hold after close). */
    private static final long CHECK_MILLIS = 200;
    private boolean held;

    synchronized void hold() {
        held = true;
    }

    /** Flow is on again, or the channel is gone: nobody waits any more. */
    synchronized void open() {
        held = false;
        notifyAll();
    }

    /** Returns once publishes may go on, or the channel is no longer open (the publish then fails). */
    synchronized void awaitOpen(BooleanSupplier channelOpen) throws InterruptedException {
        while (held && channelOpen.getAsBoolean()) {
            wait(CHECK_MILLIS);
        }
    }
}
