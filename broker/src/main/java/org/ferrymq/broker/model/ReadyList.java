package org.ferrymq.broker.model;

import java.util.List;

import org.ferrymq.broker.store.MessageStore;

/** A queue's messages waiting for delivery, in delivery order. Owned by the queue's executor. */
interface ReadyList {
    void add(QueueEntry entry);

    QueueEntry peek();

    QueueEntry poll();

    /** Puts entries back where their sequence numbers place them; {@code sorted} is ordered by sequence. */
    void requeue(List<QueueEntry> sorted);

    int size();

    /** Sum of the ready messages' body sizes. */
    long bytes();

    /** Removes everything, returning what was removed from memory (paged-out messages are dropped from disk). */
    List<QueueEntry> clear();

    /** Messages held on disk only (paged out), for management views. */
    default int pagedOut() {
        return 0;
    }

    default boolean isEmpty() {
        return size() == 0;
    }

    /** Priority queues stay in memory; FIFO queues page to the store past {@code window} messages. */
    static ReadyList create(int maxPriority, MessageStore store, long storeId, int window) {
        return maxPriority > 0 ? new PriorityReadyList(maxPriority) : new PagingReadyList(store, storeId, window);
    }

    /** Bytes of bodies held in memory (less than {@link #bytes()} when some are paged out). */
    default long bytesInMemory() {
        return bytes();
    }
}
