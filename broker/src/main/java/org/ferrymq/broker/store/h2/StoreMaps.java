package org.ferrymq.broker.store.h2;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The maps of one open store file. Reads are safe from any thread (MVMap reads are lock-free
 * snapshots); writes belong to the {@link StoreWriter} thread once it runs (before that, to the
 * thread opening the store).
 */
final class StoreMaps {
    static final String META_LAST_MESSAGE_ID = "lastMessageId";
    static final String META_LAST_QUEUE_ID = "lastQueueId";
    static final String META_FORMAT = "format";
    static final long FORMAT = 1;

    final MVStore store;
    final MVMap<String, Long> meta;
    final MVMap<byte[], byte[]> vhosts;
    final MVMap<byte[], byte[]> users;
    final MVMap<byte[], byte[]> permissions;
    final MVMap<byte[], byte[]> exchanges;
    final MVMap<Long, byte[]> queues;
    final MVMap<byte[], byte[]> bindings;
    final MVMap<Long, byte[]> messages;
    final MVMap<QueueEntryKey, Boolean> entries;
    final MVMap<Long, byte[]> paged;
    /** Prepared XA branches: key = the branch's Xid, value = its record (org.ferrymq.broker.xa). */
    final MVMap<byte[], byte[]> preparedBranches;

    StoreMaps(MVStore store) {
        this.store = store;
        meta = store.openMap("meta", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        vhosts = byteKeyed(store, "vhosts");
        users = byteKeyed(store, "users");
        permissions = byteKeyed(store, "permissions");
        exchanges = byteKeyed(store, "exchanges");
        bindings = byteKeyed(store, "bindings");
        queues = longKeyed(store, "queues");
        messages = longKeyed(store, "messages");
        paged = longKeyed(store, "paged");
        preparedBranches = byteKeyed(store, "xaPrepared");
        entries = store.openMap("entries", new MVMap.Builder<QueueEntryKey, Boolean>()
                .keyType(QueueEntryKeyType.INSTANCE).valueType(PresenceType.INSTANCE));
    }

    long metaValue(String key) {
        Long value = meta.get(key);
        return value == null ? 0 : value;
    }

    private static MVMap<byte[], byte[]> byteKeyed(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<byte[], byte[]>()
                .keyType(ByteKeyType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    private static MVMap<Long, byte[]> longKeyed(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }
}
