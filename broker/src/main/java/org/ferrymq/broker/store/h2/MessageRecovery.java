package org.ferrymq.broker.store.h2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.store.MessageStore.RecoveryListener;
import org.ferrymq.broker.store.StoredMessage;
import org.h2.mvstore.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams every durable queue's entries, in message-id order, to a listener. A message held by
 * several queues is decoded once and the same instance is handed to each (kept only until its
 * last holder has had it). A message that cannot be read is skipped, reported, and its entry
 * queued for removal. Runs on the caller's thread; reads only.
 */
final class MessageRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRecovery.class);

    /** Where unreadable entries go (the store removes them through its writer). */
    interface DamagedEntrySink {
        void damaged(long queueId, long messageId);
    }

    private final StoreMaps maps;
    private final LongCounts sharedCounts;
    private final DamagedEntrySink damaged;
    private final List<String> problems = new ArrayList<>();

    MessageRecovery(StoreMaps maps, LongCounts sharedCounts, DamagedEntrySink damaged) {
        this.maps = maps;
        this.sharedCounts = sharedCounts;
        this.damaged = damaged;
    }

    /** Returns the problems found, in operator's words. */
    List<String> run(RecoveryListener listener) {
        Map<Long, StoredMessage> sharedSeen = new HashMap<>();
        LongCounts handedOut = new LongCounts(16);
        Cursor<Long, byte[]> queues = maps.queues.cursor(null);
        while (queues.hasNext()) {
            long queueId = queues.next();
            long unreadable = 0;
            String firstError = null;
            Cursor<QueueEntryKey, Boolean> entries = maps.entries.cursor(QueueEntryKey.firstOf(queueId),
                    QueueEntryKey.lastOf(queueId), false);
            MessageScan scan = new MessageScan();
            while (entries.hasNext()) {
                QueueEntryKey key = entries.next();
                long id = key.messageId();
                int holders = sharedCounts.get(id);
                StoredMessage message = holders > 1 ? sharedSeen.get(id) : null;
                if (message == null) {
                    try {
                        message = scan.read(key);
                    } catch (RuntimeException e) {
                        unreadable++;
                        firstError = firstError == null ? e.getMessage() : firstError;
                        damaged.damaged(queueId, id);
                        continue;
                    }
                    if (message == null) {
                        continue; // removed while we were reading
                    }
                }
                if (holders > 1) {
                    if (handedOut.increment(id) >= holders) {
                        sharedSeen.remove(id);
                        handedOut.put(id, 0);
                    } else {
                        sharedSeen.put(id, message);
                    }
                }
                listener.entry(queueId, message);
            }
            if (unreadable > 0) {
                String problem = unreadable + " persistent messages of queue id " + queueId + " could not be read"
                        + " from the store file and are lost (damaged data; first error: " + firstError + ").";
                LOG.error(problem);
                problems.add(problem);
            }
        }
        return problems;
    }

    /**
     * Reads the messages of one queue in id order. A queue's entries and the messages map are both
     * sorted by message id, so instead of one tree lookup per entry, a cursor walks the messages
     * map alongside (a merge join); when the queue's messages are far apart, the cursor jumps.
     */
    private final class MessageScan {
        private static final int MAX_STEPS_BEFORE_JUMP = 16;
        private Cursor<Long, byte[]> cursor;
        private long cursorKey = Long.MIN_VALUE;
        private byte[] cursorValue;

        StoredMessage read(QueueEntryKey key) {
            byte[] bytes = find(key.messageId());
            if (bytes == null) {
                if (!maps.entries.containsKey(key)) {
                    return null;
                }
                throw new StoreFormatException("message " + key.messageId() + " is missing");
            }
            return MessageCodec.decode(key.messageId(), bytes);
        }

        private byte[] find(long id) {
            if (cursor == null || id < cursorKey) {
                jumpTo(id);
            }
            for (int steps = 0; cursorKey < id; steps++) {
                if (steps == MAX_STEPS_BEFORE_JUMP) {
                    jumpTo(id);
                    break;
                }
                if (!advance()) {
                    return null;
                }
            }
            return cursorKey == id ? cursorValue : null;
        }

        private void jumpTo(long id) {
            cursor = maps.messages.cursor(id);
            cursorKey = Long.MIN_VALUE;
            advance();
        }

        private boolean advance() {
            if (!cursor.hasNext()) {
                cursorKey = Long.MAX_VALUE;
                cursorValue = null;
                return false;
            }
            cursorKey = cursor.next();
            cursorValue = cursor.getValue();
            return true;
        }
    }
}
