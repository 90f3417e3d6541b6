package org.ferrymq.broker.store.h2;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import org.ferrymq.broker.store.BindingRecord;
import org.ferrymq.broker.store.QueueRecord;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * What goes with a deleted definition, as in RabbitMQ: a vhost takes everything in it, a user its
 * permissions, an exchange or a queue the bindings that name it. Definitions are few, so these
 * scan their maps. Runs on the store writer thread only. Stateless.
 */
final class DefinitionCascades {
    private DefinitionCascades() {
    }

    /** Deletes a vhost's permissions, exchanges and bindings, and hands each of its queue ids to {@code deleteQueue}. */
    static void deleteVhostContents(StoreMaps maps, String vhost, LongConsumer deleteQueue) {
        removeValuesWhere(maps.permissions, v -> DefinitionCodec.decodePermission(v).vhost().equals(vhost));
        removeValuesWhere(maps.exchanges, v -> DefinitionCodec.decodeExchange(v).vhost().equals(vhost));
        removeKeysWhere(maps.bindings, k -> DefinitionCodec.decodeBindingKey(k).vhost().equals(vhost));
        List<Long> queueIds = new ArrayList<>();
        maps.queues.forEach((id, v) -> {
            if (DefinitionCodec.decodeQueue(id, v).vhost().equals(vhost)) {
                queueIds.add(id);
            }
        });
        queueIds.forEach(deleteQueue::accept);
    }

    static void deleteUserPermissions(StoreMaps maps, String user) {
        removeValuesWhere(maps.permissions, v -> DefinitionCodec.decodePermission(v).user().equals(user));
    }

    static void deleteExchangeBindings(StoreMaps maps, String vhost, String exchange) {
        removeKeysWhere(maps.bindings, k -> {
            BindingRecord b = DefinitionCodec.decodeBindingKey(k);
            return b.vhost().equals(vhost)
                    && (b.source().equals(exchange) || b.destinationIsExchange() && b.destination().equals(exchange));
        });
    }

    /** Removes a queue's definition and the bindings to it (its entries are the caller's business). */
    static void deleteQueueDefinition(StoreMaps maps, long queueId) {
        byte[] definition = maps.queues.remove(queueId);
        if (definition == null) {
            return;
        }
        QueueRecord queue = DefinitionCodec.decodeQueue(queueId, definition);
        removeKeysWhere(maps.bindings, k -> {
            BindingRecord b = DefinitionCodec.decodeBindingKey(k);
            return !b.destinationIsExchange() && b.vhost().equals(queue.vhost())
                    && b.destination().equals(queue.name());
        });
    }

    private static <K> void removeValuesWhere(MVMap<K, byte[]> map, Predicate<byte[]> matches) {
        Cursor<K, byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            K key = cursor.next();
            if (matches.test(cursor.getValue())) {
                map.remove(key);
            }
        }
    }

    private static void removeKeysWhere(MVMap<byte[], byte[]> map, Predicate<byte[]> matches) {
        Cursor<byte[], byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            byte[] key = cursor.next();
            if (matches.test(key)) {
                map.remove(key);
            }
        }
    }
}
