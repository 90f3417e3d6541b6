package org.ferrymq.broker.model;

import java.util.concurrent.ScheduledExecutorService;

import org.ferrymq.broker.store.MessageStore;

/** What a queue needs from the virtual host it lives in. Thread-safe. */
interface QueueHost {
    /** Routes a dead-lettered copy through its exchange (dropped if that exchange does not exist). */
    void deadLetter(Message copy, MessageQueue from);

    /** Removes a queue that deleted itself (auto-delete, x-expires). */
    void queueDeleted(MessageQueue queue);

    long nextMessageId();

    ScheduledExecutorService scheduler();

    MessageStore store();

    /** Messages a FIFO queue keeps in memory before paging the rest to disk. */
    int queueMemoryWindow();

    /** False with {@code management.rates_mode = none}: queues then count nothing on the message path. */
    default boolean countsMessages() {
        return true;
    }
}
