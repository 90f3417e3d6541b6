package org.ferrymq.broker.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What completing one XA branch writes, in one atomic, durable step: the messages it published
 * (each for the durable queues it reaches) and the queue entries it acknowledged.
 *
 * <p>Built by one thread, then handed to the store and not changed again.
 */
public final class BranchWrites {
    private final List<StoredMessage> messages = new ArrayList<>();
    private final List<long[]> messageQueues = new ArrayList<>();
    private final List<long[]> removals = new ArrayList<>();

    public void add(StoredMessage message, long[] queueIds) {
        if (queueIds.length > 0) {
            messages.add(message);
            messageQueues.add(queueIds);
        }
    }

    public void remove(long queueId, long messageId) {
        removals.add(new long[] {queueId, messageId});
    }

    public List<StoredMessage> messages() {
        return messages;
    }

    public List<long[]> messageQueues() {
        return messageQueues;
    }

    /** Pairs of (queue id, message id). */
    public List<long[]> removals() {
        return removals;
    }

    public boolean isEmpty() {
        return messages.isEmpty() && removals.isEmpty();
    }
}
