package org.ferrymq.broker.store.h2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;
import org.ferrymq.broker.store.BindingRecord;
import org.ferrymq.broker.store.BranchWrites;
import org.ferrymq.broker.store.ExchangeRecord;
import org.ferrymq.broker.store.MessageStore;
import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.RecoveredState;
import org.ferrymq.broker.store.StoreException;
import org.ferrymq.broker.store.StoreSettings;
import org.ferrymq.broker.store.StoredMessage;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store on one H2 MVStore file ({@value StoreFile#FILE_NAME} in the data directory).
 *
 * <p>Layout: maps for vhosts, users, permissions, exchanges, bindings (keyed by their names or,
 * for bindings, by all their fields), queues (id to definition), messages (id to encoded message,
 * stored once), queue entries (a sorted set of (queue id, message id)), and paged-out transient
 * messages (cleared at open). Values are the codecs' versioned binary records.
 *
 * <p>Threads: every write goes through the {@link StoreWriter} thread (group commit). Futures
 * returned by {@link #add} and {@link #sync} complete on that thread: keep continuations trivial or
 * hop to your own executor. Definition changes block the caller until they are on disk. Reads
 * ({@link #load}, {@link #pageIn}, recovery) run on the caller's thread against MVStore's lock-free
 * snapshots. How many queues hold a message is counted in memory by the writer thread only.
 *
 * <p>Deleting a vhost also deletes what it contains; deleting an exchange or a queue also deletes
 * the bindings that name it.
 */
public final class H2MessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(H2MessageStore.class);

    private final Path file;
    private final StoreMaps maps;
    private final StoreWriter writer;
    private final List<String> openProblems;
    private final List<String> messageProblems = Collections.synchronizedList(new ArrayList<>());
    /** Messages handed to the writer but not yet in the map, so that {@link #load} sees its own writes. */
    private final ConcurrentMap<Long, StoredMessage> unwritten = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, StoredMessage> unwrittenPaged = new ConcurrentHashMap<>();
    /** How many queues hold each paged-out transient message. */
    private final ConcurrentMap<Long, Integer> pagedReferences = new ConcurrentHashMap<>();
    /** Bytes of queued writes above which {@link #pageOut} waits for the writer. */
    private static final long PAGE_BACKLOG_LIMIT = 16L << 20;
    /** Counts of queues holding a message, for counts above one; owned by the writer thread. */
    private final LongCounts sharedCounts;
    /** Snapshot of the counts at open, for recovery (which runs on another thread). */
    private final LongCounts recoveredSharedCounts;
    private volatile long lastMessageId;
    private long persistedLastMessageId; // writer thread
    private long lastQueueId; // writer thread
    private volatile boolean closed;

    private H2MessageStore(Path file, StoreMaps maps, StoreRepair.Result repair, List<String> openProblems,
                           StoreSettings settings) {
        this.file = file;
        this.maps = maps;
        this.openProblems = openProblems;
        this.sharedCounts = repair.sharedCounts();
        this.recoveredSharedCounts = copy(repair.sharedCounts());
        this.lastMessageId = repair.lastMessageId();
        this.persistedLastMessageId = maps.metaValue(StoreMaps.META_LAST_MESSAGE_ID);
        this.lastQueueId = repair.lastQueueId();
        this.writer = new StoreWriter(maps.store, settings, "ferrymq-store-writer", this::recordLastMessageId);
        this.writer.start();
    }

    /** Opens the store in {@code dataDir}, creating it if needed, repairing what a crash left behind. */
    public static H2MessageStore open(Path dataDir, StoreSettings settings) {
        List<String> problems = new ArrayList<>();
        long start = System.nanoTime();
        StoreShrink.removeLeftover(dataDir.resolve(StoreFile.FILE_NAME));
        record Opened(StoreMaps maps, StoreRepair.Result repair) {
        }
        Opened opened = StoreFile.open(dataDir, settings, problems, mv -> {
            StoreMaps maps = new StoreMaps(mv);
            checkFormat(maps);
            return new Opened(maps, StoreRepair.run(maps));
        });
        problems.addAll(opened.repair().problems());
        H2MessageStore store = new H2MessageStore(dataDir.resolve(StoreFile.FILE_NAME), opened.maps(),
                opened.repair(), List.copyOf(problems), settings);
        LOG.info("Opened message store {} ({} messages, {} queue entries, {} MB) in {} ms", store.file,
                opened.maps().messages.sizeAsLong(), opened.maps().entries.sizeAsLong(),
                store.diskUsageBytes() >> 20, (System.nanoTime() - start) / 1_000_000);
        return store;
    }

    private static void checkFormat(StoreMaps maps) {
        long format = maps.metaValue(StoreMaps.META_FORMAT);
        if (format > StoreMaps.FORMAT) {
            throw new UnsupportedStoreFormatException("the message store file was written by a newer FerryMQ"
                    + " (store format " + format + ", this version reads " + StoreMaps.FORMAT + ")");
        }
        if (format == 0) {
            maps.meta.put(StoreMaps.META_FORMAT, StoreMaps.FORMAT);
        }
    }

    // --- recovery ---------------------------------------------------------------------------

    @Override
    public RecoveredState recoverDefinitions() {
        List<String> problems = new ArrayList<>(openProblems);
        List<String> vhosts = readAll(maps.vhosts, "virtual host", problems, (k, v) -> DefinitionCodec.decodeNameKey(k));
        List<UserDefinition> users = readAll(maps.users, "user", problems, (k, v) -> DefinitionCodec.decodeUser(v));
        List<PermissionDefinition> permissions = readAll(maps.permissions, "permission", problems,
                (k, v) -> DefinitionCodec.decodePermission(v));
        List<ExchangeRecord> exchanges = readAll(maps.exchanges, "exchange", problems,
                (k, v) -> DefinitionCodec.decodeExchange(v));
        List<QueueRecord> queues = readAll(maps.queues, "queue", problems, DefinitionCodec::decodeQueue);
        List<BindingRecord> bindings = readAll(maps.bindings, "binding", problems,
                (k, v) -> DefinitionCodec.decodeBindingKey(k));
        return new RecoveredState(vhosts, users, permissions, exchanges, queues, bindings, List.copyOf(problems));
    }

    private interface Decoder<K, T> {
        T decode(K key, byte[] value);
    }

    private static <K, T> List<T> readAll(MVMap<K, byte[]> map, String what, List<String> problems,
                                          Decoder<K, T> decoder) {
        List<T> result = new ArrayList<>();
        Cursor<K, byte[]> cursor = map.cursor(null);
        while (cursor.hasNext()) {
            K key = cursor.next();
            try {
                result.add(decoder.decode(key, cursor.getValue()));
            } catch (RuntimeException e) {
                String problem = "A durable " + what + " definition in the store file is damaged and was skipped ("
                        + e.getMessage() + ").";
                LOG.error(problem, e);
                problems.add(problem);
            }
        }
        return result;
    }

    @Override
    public void recoverMessages(RecoveryListener listener) {
        long start = System.nanoTime();
        // the scan may outlive the retention time: keep the chunks of the version it reads
        MVStore.TxCounter versionInUse = maps.store.registerVersionUsage();
        try {
            messageProblems.addAll(new MessageRecovery(maps, recoveredSharedCounts, this::remove).run(listener));
        } finally {
            maps.store.deregisterVersionUsage(versionInUse);
        }
        LOG.info("Recovered persistent messages in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public List<String> messageRecoveryProblems() {
        synchronized (messageProblems) {
            return List.copyOf(messageProblems);
        }
    }

    @Override
    public long lastMessageId() {
        return lastMessageId;
    }

    // --- messages ---------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> add(StoredMessage message, long[] queueIds) {
        if (queueIds.length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] value = MessageCodec.encode(message);
        long[] queues = queueIds.clone();
        long id = message.id();
        unwritten.put(id, message);
        CompletableFuture<Void> done = writer.submit(() -> {
            try {
                applyAdd(id, value, queues);
            } finally {
                unwritten.remove(id, message);
            }
            return null;
        }, true, value.length + 16L * queues.length);
        if (writer.broken() != null) {
            unwritten.remove(id, message); // a broken writer fails tasks without running them
        }
        return done;
    }

    private void applyAdd(long id, byte[] value, long[] queues) {
        assert writer.isWriterThread();
        byte[] previous = maps.messages.put(id, value);
        int holders = previous == null ? 0 : Math.max(1, sharedCounts.get(id));
        for (long queueId : queues) {
            if (maps.entries.put(new QueueEntryKey(queueId, id), Boolean.TRUE) == null) {
                holders++;
            }
        }
        if (holders > 1) {
            sharedCounts.put(id, holders);
        }
        if (id > lastMessageId) {
            lastMessageId = id;
        }
    }

    @Override
    public void remove(long queueId, long messageId) {
        writer.submit(() -> {
            applyRemove(queueId, messageId);
            return null;
        }, false, 16).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.debug("Removing message {} from queue {} failed; it will be delivered again after a restart",
                        messageId, queueId, failure);
            }
        });
    }

    private void applyRemove(long queueId, long messageId) {
        assert writer.isWriterThread();
        if (maps.entries.remove(new QueueEntryKey(queueId, messageId)) == null) {
            return;
        }
        int holders = sharedCounts.get(messageId);
        if (holders > 2) {
            sharedCounts.put(messageId, holders - 1);
        } else if (holders == 2) {
            sharedCounts.put(messageId, 0);
        } else {
            maps.messages.remove(messageId);
        }
    }

    // --- XA branches ------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> savePreparedBranch(byte[] key, byte[] record, long highestMessageId, int companions) {
        byte[] k = key.clone();
        byte[] v = record.clone();
        return writer.submit(() -> {
            maps.preparedBranches.put(k, v);
            if (highestMessageId > lastMessageId) {
                lastMessageId = highestMessageId;
            }
            return null;
        }, true, k.length + v.length, companions);
    }

    @Override
    public CompletableFuture<Void> finishBranch(byte[] key, BranchWrites writes, int companions) {
        List<byte[]> encoded = new java.util.ArrayList<>(writes.messages().size());
        long weight = 16;
        for (StoredMessage m : writes.messages()) {
            byte[] value = MessageCodec.encode(m);
            encoded.add(value);
            weight += value.length;
        }
        return writer.submit(() -> {
            // one task is one group commit: publishes, acks and the record go together or not at all
            for (int i = 0; i < encoded.size(); i++) {
                applyAdd(writes.messages().get(i).id(), encoded.get(i), writes.messageQueues().get(i));
            }
            for (long[] removal : writes.removals()) {
                applyRemove(removal[0], removal[1]);
            }
            if (key != null) {
                maps.preparedBranches.remove(key);
            }
            return null;
        }, true, weight, companions);
    }

    @Override
    public List<byte[]> preparedBranches() {
        return new java.util.ArrayList<>(maps.preparedBranches.values());
    }

    /** Keeps the highest message id across restarts even when that message has been removed; once per group. */
    private void recordLastMessageId() {
        long last = lastMessageId;
        if (last > persistedLastMessageId) {
            maps.meta.put(StoreMaps.META_LAST_MESSAGE_ID, last);
            persistedLastMessageId = last;
        }
    }

    @Override
    public CompletableFuture<Void> sync() {
        return writer.sync();
    }

    @Override
    public StoredMessage load(long messageId) {
        StoredMessage pending = unwritten.get(messageId);
        if (pending != null) {
            return pending;
        }
        byte[] bytes = maps.messages.get(messageId);
        return bytes == null ? null : MessageCodec.decode(messageId, bytes);
    }

    @Override
    public void pageOut(StoredMessage message) {
        long id = message.id();
        // a fanout pages the same message out of several queues: write it once, count the queues
        if (pagedReferences.merge(id, 1, Integer::sum) > 1) {
            return;
        }
        // paging exists to save heap: do not let unwritten pages pile up faster than the disk takes them
        writer.awaitBacklogBelow(PAGE_BACKLOG_LIMIT);
        byte[] value = MessageCodec.encode(message);
        unwrittenPaged.put(id, message);
        writer.submit(() -> {
            try {
                maps.paged.put(id, value);
            } finally {
                unwrittenPaged.remove(id, message);
            }
            return null;
        }, false, value.length);
    }

    @Override
    public StoredMessage pageIn(long messageId) {
        if (!pagedReferences.containsKey(messageId)) {
            return null; // never paged out, or already read back by every queue that did
        }
        StoredMessage message = unwrittenPaged.get(messageId);
        if (message == null) {
            byte[] bytes = maps.paged.get(messageId);
            if (bytes == null) {
                return null;
            }
            message = MessageCodec.decode(messageId, bytes);
        }
        Integer left = pagedReferences.computeIfPresent(messageId, (id, count) -> count > 1 ? count - 1 : null);
        if (left == null) {
            // the last queue that paged it out has read it back
            unwrittenPaged.remove(messageId);
            writer.submit(() -> maps.paged.remove(messageId), false, 16);
        }
        return message;
    }

    @Override
    public long diskUsageBytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Counters of the writer (group commits, fsyncs, ...), for tests and metrics. */
    public StoreMetrics metrics() {
        return writer.metrics();
    }

    // --- definitions ------------------------------------------------------------------------

    @Override
    public void saveVhost(String vhost) {
        byte[] key = DefinitionCodec.nameKey(vhost);
        await(() -> maps.vhosts.put(key, DefinitionCodec.emptyValue()));
    }

    @Override
    public void deleteVhost(String vhost) {
        byte[] key = DefinitionCodec.nameKey(vhost);
        await(() -> {
            maps.vhosts.remove(key);
            DefinitionCascades.deleteVhostContents(maps, vhost, this::applyDeleteQueue);
            return null;
        });
    }

    @Override
    public void saveUser(UserDefinition user) {
        byte[] key = DefinitionCodec.nameKey(user.name());
        byte[] value = DefinitionCodec.encodeUser(user);
        await(() -> maps.users.put(key, value));
    }

    @Override
    public void deleteUser(String name) {
        byte[] key = DefinitionCodec.nameKey(name);
        await(() -> {
            maps.users.remove(key);
            DefinitionCascades.deleteUserPermissions(maps, name);
            return null;
        });
    }

    @Override
    public void savePermission(PermissionDefinition permission) {
        byte[] key = DefinitionCodec.pairKey(permission.user(), permission.vhost());
        byte[] value = DefinitionCodec.encodePermission(permission);
        await(() -> maps.permissions.put(key, value));
    }

    @Override
    public void deletePermission(String user, String vhost) {
        byte[] key = DefinitionCodec.pairKey(user, vhost);
        await(() -> maps.permissions.remove(key));
    }

    @Override
    public void saveExchange(ExchangeRecord exchange) {
        byte[] key = DefinitionCodec.pairKey(exchange.vhost(), exchange.name());
        byte[] value = DefinitionCodec.encodeExchange(exchange);
        await(() -> maps.exchanges.put(key, value));
    }

    @Override
    public void deleteExchange(String vhost, String name) {
        byte[] key = DefinitionCodec.pairKey(vhost, name);
        await(() -> {
            maps.exchanges.remove(key);
            DefinitionCascades.deleteExchangeBindings(maps, vhost, name);
            return null;
        });
    }

    @Override
    public long saveQueue(QueueRecord queue) {
        byte[] value = DefinitionCodec.encodeQueue(queue);
        return await(() -> {
            long id = queue.id() > 0 ? queue.id() : lastQueueId + 1;
            if (id > lastQueueId) {
                lastQueueId = id;
                maps.meta.put(StoreMaps.META_LAST_QUEUE_ID, id);
            }
            maps.queues.put(id, value);
            return id;
        });
    }

    @Override
    public void deleteQueue(long queueId) {
        await(() -> {
            applyDeleteQueue(queueId);
            return null;
        });
    }

    /** Definition first, entries after: if a crash cuts this short, the repair at open drops the rest. */
    private void applyDeleteQueue(long queueId) {
        DefinitionCascades.deleteQueueDefinition(maps, queueId);
        Cursor<QueueEntryKey, Boolean> cursor = maps.entries.cursor(QueueEntryKey.firstOf(queueId),
                QueueEntryKey.lastOf(queueId), false);
        while (cursor.hasNext()) {
            QueueEntryKey key = cursor.next();
            applyRemove(key.queueId(), key.messageId());
        }
    }

    @Override
    public void saveBinding(BindingRecord binding) {
        byte[] key = DefinitionCodec.bindingKey(binding);
        await(() -> maps.bindings.put(key, DefinitionCodec.emptyValue()));
    }

    @Override
    public void deleteBinding(BindingRecord binding) {
        byte[] key = DefinitionCodec.bindingKey(binding);
        await(() -> maps.bindings.remove(key));
    }

    /** Runs a definition change on the writer and waits until it is on disk. */
    private <T> T await(StoreWriter.Task<T> task) {
        if (writer.isWriterThread()) {
            // waiting for the writer on the writer would never return
            throw new IllegalStateException("definitions cannot be changed from the store writer thread"
                    + " (a continuation of a store future); hand the change over to another executor");
        }
        try {
            return writer.submit(task, true, 256).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("saving a definition failed: " + cause.getMessage(), cause);
        }
    }

    // --- lifecycle --------------------------------------------------------------------------

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        try {
            if (!maps.store.isClosed()) {
                maps.store.commit();
                maps.store.sync();
                boolean shrink = StoreShrink.worthIt(maps.store);
                maps.store.close();
                if (shrink) {
                    StoreShrink.shrink(file);
                }
            }
            LOG.info("Closed message store {}", file);
        } catch (RuntimeException e) {
            LOG.error("Closing the message store {} failed; the next start recovers from the last commit", file, e);
            maps.store.closeImmediately();
        }
    }

    private static LongCounts copy(LongCounts counts) {
        LongCounts copy = new LongCounts(counts.size());
        counts.forEach(copy::put);
        return copy;
    }
}
