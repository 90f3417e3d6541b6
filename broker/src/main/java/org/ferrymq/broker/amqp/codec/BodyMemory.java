package org.ferrymq.broker.amqp.codec;

/**
 * The broker-wide account of memory held by message bodies still being received (frames of a
 * message whose last body frame has not arrived). {@link AmqpCommandAssembler} charges every
 * byte it allocates for a body before allocating it, and gives it back once the command is
 * complete or dropped, so half-received messages count against the memory watermark like
 * queued ones. Implementations are thread-safe: every connection's event loop calls them.
 */
public interface BodyMemory {
    /** No accounting (codec tests, tools). */
    BodyMemory UNLIMITED = new BodyMemory() {
        @Override
        public boolean reserve(long bytes) {
            return true;
        }

        @Override
        public void free(long bytes) {
        }

        @Override
        public long headroom() {
            return Long.MAX_VALUE;
        }
    };

    /** Bytes left before the memory watermark: below it, a body buffer grows only as far as it must. */
    long headroom();

    /**
     * Charges {@code bytes} about to be allocated for a body in assembly.
     *
     * @return false when the broker cannot hold that many more bytes of incomplete messages: nothing
     *         is charged and the message must be refused
     */
    boolean reserve(long bytes);

    /** Gives back bytes charged with {@link #reserve}. */
    void free(long bytes);
}
