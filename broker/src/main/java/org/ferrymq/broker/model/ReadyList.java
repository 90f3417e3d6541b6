package org.ferrymq.broker.model;

import java.util.List;

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

    /** Removes everything, returning what was removed. */
    List<QueueEntry> clear();

    default boolean isEmpty() {
        return size() == 0;
    }

    static ReadyList create(int maxPriority) {
        return maxPriority > 0 ? new PriorityReadyList(maxPriority) : new FifoReadyList();
    }
}
