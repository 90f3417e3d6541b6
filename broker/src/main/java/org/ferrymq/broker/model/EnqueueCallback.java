package org.ferrymq.broker.model;

/**
 * Told whether a queue took a message: false when the queue refused it (x-overflow
 * reject-publish at its length limit), so a publisher confirm becomes a nack. Called on the
 * queue's executor; must not block.
 */
@FunctionalInterface
public interface EnqueueCallback {
    EnqueueCallback NONE = accepted -> { };

    void done(boolean accepted);
}
