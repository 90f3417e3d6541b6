package org.ferrymq.broker.store.h2;

/** Key of one queue's entry for one message; ordered by queue, then message id (publish order). */
record QueueEntryKey(long queueId, long messageId) implements Comparable<QueueEntryKey> {
    static QueueEntryKey firstOf(long queueId) {
        return new QueueEntryKey(queueId, Long.MIN_VALUE);
    }

    static QueueEntryKey lastOf(long queueId) {
        return new QueueEntryKey(queueId, Long.MAX_VALUE);
    }

    @Override
    public int compareTo(QueueEntryKey other) {
        int byQueue = Long.compare(queueId, other.queueId);
        return byQueue != 0 ? byQueue : Long.compare(messageId, other.messageId);
    }
}
