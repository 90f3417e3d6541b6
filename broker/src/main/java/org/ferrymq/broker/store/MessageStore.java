package org.ferrymq.broker.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Persistent messages and which durable queues hold them.
 *
 * <p>Writes are grouped: one writer thread applies every write handed to it since its last
 * commit, then commits and forces the file to disk once for the whole group (group commit). A
 * future returned by {@link #add} completes only after that fsync, which is what lets the broker
 * send a publisher confirm meaning "on disk". Removals ride along in the next group: an ack is
 * durable soon after, and a message whose removal was lost in a crash is delivered again,
 * marked redelivered (at least once, never lost).
 *
 * <p>Thread-safe: called from every connection's event loop and every queue executor.
 */
public interface MessageStore extends DefinitionStore, AutoCloseable {
    /** Reads the durable definitions. Called once, at start-up, before any other call. */
    RecoveredState recoverDefinitions();

    /**
     * Streams each durable queue's entries in order (by message id) to the listener. Messages
     * held by several queues are read once and shared.
     */
    void recoverMessages(RecoveryListener listener);

    /**
     * What {@link #recoverMessages} could not recover, in words an operator understands (the
     * definitions' problems are in {@link RecoveredState#problems()}). Empty if nothing was lost.
     */
    default List<String> messageRecoveryProblems() {
        return List.of();
    }

    /** The highest message id in the store (0 if none), so the broker continues after it. */
    long lastMessageId();

    /** Stores a message for the given durable queues; completes when it is on disk, or fails. */
    CompletableFuture<Void> add(StoredMessage message, long[] queueIds);

    /** Removes one queue's entry for a message (ack, reject, expiry, purge); the message goes when no queue holds it. */
    void remove(long queueId, long messageId);

    /** Completes once every write handed over before this call is on disk. */
    CompletableFuture<Void> sync();

    /** Reads a message back (a paged-out body). */
    StoredMessage load(long messageId);

    /**
     * Writes a transient message to disk to free heap when a queue is over its memory budget
     * (lazy paging). Not durable: paged messages are dropped at start-up. No fsync is needed.
     */
    void pageOut(StoredMessage message);

    /** Reads a paged-out transient message back and forgets it. */
    StoredMessage pageIn(long messageId);

    /** Bytes the store's files take on disk (for the disk alarm and the console). */
    long diskUsageBytes();

    // ---- XA: prepared transaction branches (see org.ferrymq.broker.xa) -------------------

    /**
     * Stores a prepared XA branch's record (opaque to the store) under {@code key}; completes once
     * it is on disk. {@code highestMessageId} is the largest message id the record holds, so ids
     * handed out after a restart never collide with it. {@code companions}: how many other
     * branches are expected to prepare or finish shortly, so that the store may let them share
     * this write's fsync (waiting a moment for them) rather than each paying its own.
     */
    CompletableFuture<Void> savePreparedBranch(byte[] key, byte[] record, long highestMessageId, int companions);

    /**
     * Completes a branch in one atomic write, on disk when the future completes: its publishes
     * are added, its acknowledged entries removed, and its prepared record (if {@code key} is not
     * null) deleted, all or nothing. {@code companions} as for {@link #savePreparedBranch}.
     */
    CompletableFuture<Void> finishBranch(byte[] key, BranchWrites writes, int companions);

    /** The records of the branches still prepared, read at start-up. */
    List<byte[]> preparedBranches();

    /** Flushes and closes the files. */
    @Override
    void close();

    /** Receives recovered queue entries, queue by queue, in order. */
    interface RecoveryListener {
        void entry(long queueId, StoredMessage message);
    }
}
