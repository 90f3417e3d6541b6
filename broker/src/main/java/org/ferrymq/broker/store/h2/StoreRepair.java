package org.ferrymq.broker.store.h2;

import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.Cursor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a just-opened store to a consistent state and rebuilds what is only kept in memory.
 * Runs on the opening thread, before the writer starts.
 *
 * <ul>
 *   <li>drops paged-out transient messages (they do not survive a restart);</li>
 *   <li>drops entries of queues whose definition is gone (a queue deletion cut short by a crash);</li>
 *   <li>counts, per message, the queues holding it (only counts of 2 or more are kept: absent
 *       means one), and deletes messages no queue holds;</li>
 *   <li>drops entries whose message is missing, and reports them: that is lost data.</li>
 * </ul>
 * A store whose messages all sit in one queue (the common case) needs no counting pass at all.
 */
final class StoreRepair {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRepair.class);

    /** What the repair found: reference counts above one, the id high-water marks, and problems for the operator. */
    record Result(LongCounts sharedCounts, long lastMessageId, long lastQueueId, List<String> problems) {
    }

    private StoreRepair() {
    }

    static Result run(StoreMaps maps) {
        List<String> problems = new ArrayList<>();
        maps.paged.clear();
        List<Long> queuesWithEntries = new ArrayList<>();
        for (long queueId : queueIdsInEntries(maps)) {
            if (maps.queues.containsKey(queueId)) {
                queuesWithEntries.add(queueId);
            } else {
                long dropped = dropEntriesOf(maps, queueId);
                LOG.info("Dropped {} stored entries of queue id {}, whose deletion was interrupted", dropped, queueId);
            }
        }
        LongCounts all = null;
        long distinctMessages = maps.entries.sizeAsLong();
        if (queuesWithEntries.size() > 1) {
            all = countAll(maps);
            distinctMessages = all.size();
        }
        if (maps.messages.sizeAsLong() != distinctMessages) {
            if (all == null) {
                all = countAll(maps);
            }
            dropOrphans(maps, all);
            dropEntriesOfMissingMessages(maps, all, problems);
        }
        LongCounts shared = new LongCounts(16);
        if (all != null) {
            all.forEach((id, count) -> {
                if (count > 1) {
                    shared.put(id, count);
                }
            });
        }
        Long lastKey = maps.messages.lastKey();
        long lastMessageId = Math.max(maps.metaValue(StoreMaps.META_LAST_MESSAGE_ID), lastKey == null ? 0 : lastKey);
        Long lastQueue = maps.queues.lastKey();
        long lastQueueId = Math.max(maps.metaValue(StoreMaps.META_LAST_QUEUE_ID), lastQueue == null ? 0 : lastQueue);
        if (maps.store.hasUnsavedChanges()) {
            maps.store.commit();
            maps.store.sync();
        }
        return new Result(shared, lastMessageId, lastQueueId, problems);
    }

    /** Distinct queue ids of the entries, found by jumping from queue to queue rather than reading every entry. */
    private static List<Long> queueIdsInEntries(StoreMaps maps) {
        List<Long> ids = new ArrayList<>();
        QueueEntryKey key = maps.entries.firstKey();
        while (key != null) {
            ids.add(key.queueId());
            if (key.queueId() == Long.MAX_VALUE) {
                break;
            }
            key = maps.entries.ceilingKey(QueueEntryKey.firstOf(key.queueId() + 1));
        }
        return ids;
    }

    private static long dropEntriesOf(StoreMaps maps, long queueId) {
        long dropped = 0;
        Cursor<QueueEntryKey, Boolean> cursor = maps.entries.cursor(QueueEntryKey.firstOf(queueId),
                QueueEntryKey.lastOf(queueId), false);
        while (cursor.hasNext()) {
            maps.entries.remove(cursor.next());
            dropped++;
        }
        return dropped;
    }

    private static LongCounts countAll(StoreMaps maps) {
        LongCounts counts = new LongCounts((int) Math.min(1 << 26, maps.entries.sizeAsLong()));
        Cursor<QueueEntryKey, Boolean> cursor = maps.entries.cursor(null);
        while (cursor.hasNext()) {
            counts.increment(cursor.next().messageId());
        }
        return counts;
    }

    /** Messages no entry refers to: a crash cut an add or a removal in two. Nothing is lost; they were acked or never confirmed. */
    private static void dropOrphans(StoreMaps maps, LongCounts counts) {
        long dropped = 0;
        Cursor<Long, byte[]> cursor = maps.messages.cursor(null);
        while (cursor.hasNext()) {
            long id = cursor.next();
            if (counts.get(id) == 0) {
                maps.messages.remove(id);
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.info("Deleted {} stored messages that no queue held any more", dropped);
        }
    }

    private static void dropEntriesOfMissingMessages(StoreMaps maps, LongCounts counts, List<String> problems) {
        if (maps.messages.sizeAsLong() == counts.size()) {
            return;
        }
        long dropped = 0;
        Cursor<QueueEntryKey, Boolean> cursor = maps.entries.cursor(null);
        while (cursor.hasNext()) {
            QueueEntryKey key = cursor.next();
            if (!maps.messages.containsKey(key.messageId())) {
                maps.entries.remove(key);
                counts.put(key.messageId(), 0);
                dropped++;
            }
        }
        if (dropped > 0) {
            String problem = dropped + " queue entries referred to persistent messages that are missing from the"
                    + " store file (damaged data); those messages are lost.";
            LOG.error(problem);
            problems.add(problem);
        }
    }
}
