package org.ferrymq.bench.durability;

import java.io.IOException;
import java.time.Duration;

/**
 * A broker the recovery benchmark can launch on its own data, stop cleanly or kill, and launch
 * again on the same data: the real FerryMQ server, or a private RabbitMQ node.
 */
interface RecoveryTarget {

    String displayName();

    /** Where its data lives and on which filesystem, for the report. */
    String storage();

    /** Launches the broker and returns once it is ready; {@code label} names the log. */
    Launched launch(String label) throws IOException;

    /** Deletes its data (best effort); the broker must be down. */
    void clean();

    /** A running broker, with the time it took to become ready. */
    interface Launched extends AutoCloseable {
        Duration timeToReady();

        /** System.nanoTime() when it was launched, to time later milestones from. */
        long launchedNanos();

        String amqpUri();

        /** Stops it the normal way and waits; returns how long that took. */
        Duration stopCleanly(Duration timeout) throws IOException;

        /** SIGKILL: it gets no chance to write anything more. */
        void kill() throws IOException;

        /** Makes sure nothing is left running. */
        @Override
        void close();
    }
}
