package org.ferrymq.broker.store.h2;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.ferrymq.broker.store.StoreException;
import org.ferrymq.broker.store.StoreSettings;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes to the store file, doing group commit: it takes every task handed to
 * it since its last commit (up to {@link StoreSettings#maxGroupOperations()} /
 * {@link StoreSettings#maxGroupBytes()}), applies them to the maps, commits once, forces the file
 * to disk once if any task asked for durability, and only then completes the tasks' futures.
 *
 * <p>Callers on any thread hand tasks over through a lock-free queue. Futures complete ON THIS
 * THREAD: continuations attached to them must be trivial or hand work over to their own executor
 * (e.g. a Netty event loop), or they stall every writer.
 *
 * <p>Failure: a task that throws fails only its own future (tasks encode before they write, so a
 * throwing task leaves no partial change behind). A failed commit or fsync fails every future of
 * that group. If the file can no longer be written (MVStore closes itself after a write error),
 * the writer becomes {@link #broken()} and fails every later task at once.
 *
 * <p>Gathering: a durable write may say that {@code companions} more writes like it are on their
 * way (concurrent XA branches about to prepare or commit: the caller knows, the writer cannot).
 * Before syncing such a group the writer waits for them, at most about one sync's time
 * ({@link #gatherLimitNanos}), so that concurrent branches share one fsync instead of each
 * paying its own. Nothing completes before the sync, so "durable when the future completes" is
 * unchanged; only when the sync happens moves.
 *
 * <p>While idle, the writer compacts the file in small bounded steps (never while work is waiting
 * for longer than one step).
 */
final class StoreWriter {
    private final java.util.concurrent.atomic.AtomicLong queuedWeight = new java.util.concurrent.atomic.AtomicLong();
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long COMPACTION_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Longest a group waits for announced companions, whatever the disk's pace. */
    private static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Until a sync has been timed, a group waits this long at most for its companions. */
    private static final long INITIAL_SYNC_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    /** Work run on the writer thread; what it returns completes the caller's future. */
    interface Task<T> {
        T apply();
    }

    private static final class Job<T> {
        final Task<T> task;
        final CompletableFuture<T> done = new CompletableFuture<>();
        final boolean durable;
        final long weight;
        /** Further durable writes the caller expects soon, which this one would rather share a sync with; -1: not asked. */
        final int companions;
        T result;
        Throwable failure;

        Job(Task<T> task, boolean durable, long weight, int companions) {
            this.task = task;
            this.durable = durable;
            this.weight = weight;
            this.companions = companions;
        }

        void run() {
            try {
                result = task.apply();
            } catch (Throwable t) {
                failure = t;
            }
        }

        void finish() {
            if (failure == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    private final MVStore store;
    private final StoreSettings settings;
    private final ConcurrentLinkedQueue<Job<?>> pending = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final Runnable beforeCommit;
    private volatile boolean parked;
    private volatile boolean closing;
    private volatile StoreException broken;
    private boolean unsyncedCommits;
    private long lastCompactionCheck = System.nanoTime();

    // metrics: written by the writer thread only, read by anyone
    private volatile long groups;
    private volatile long syncs;
    private volatile long commits;
    private volatile long tasks;
    private volatile long compactions;
    private volatile long largestGroup;
    private volatile long gathers;
    /** Moving average of the fsync's duration: how long gathering may wait. Writer thread only. */
    private long syncNanosAverage = INITIAL_SYNC_NANOS;

    /**
     * @param beforeCommit runs on the writer thread after a group's tasks and before its commit
     *                     (to record high-water marks once per group rather than once per write)
     */
    StoreWriter(MVStore store, StoreSettings settings, String name, Runnable beforeCommit) {
        this.store = store;
        this.settings = settings;
        this.beforeCommit = beforeCommit;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Hands a task to the writer.
     *
     * @param durable whether its future must wait for an fsync (otherwise it rides along with the next one)
     * @param weight  rough bytes it writes, for bounding a group
     */
    <T> CompletableFuture<T> submit(Task<T> task, boolean durable, long weight) {
        return submit(task, durable, weight, -1);
    }

    /**
     * Hands a durable task to the writer that expects {@code companions} (0 or more) more such
     * tasks to be handed over soon (see the class comment: the group waits a little for them).
     */
    <T> CompletableFuture<T> submit(Task<T> task, boolean durable, long weight, int companions) {
        StoreException failure = broken;
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (closing) {
            return CompletableFuture.failedFuture(new StoreException("the message store is closed"));
        }
        Job<T> job = new Job<>(task, durable, weight, durable ? companions : -1);
        queuedWeight.addAndGet(weight);
        pending.offer(job);
        if (parked) {
            LockSupport.unpark(thread);
        }
        if (closing && !thread.isAlive()) {
            failPending(new StoreException("the message store is closed"));
        }
        return job.done;
    }

    /**
     * Waits (parking, never on the writer's own thread) while more than {@code limit} bytes of
     * writes are queued: lets a producer that can afford to wait (a queue paging out) slow down to
     * the disk's pace instead of piling writes up in memory.
     */
    void awaitBacklogBelow(long limit) {
        while (queuedWeight.get() > limit && !closing && broken == null && Thread.currentThread() != thread) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Completes once everything handed over before it is on disk. */
    CompletableFuture<Void> sync() {
        return submit(() -> null, true, 0);
    }

    /** Applies what is pending, then stops the thread. */
    void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failPending(new StoreException("the message store is closed"));
    }

    StoreException broken() {
        return broken;
    }

    StoreMetrics metrics() {
        return new StoreMetrics(tasks, groups, commits, syncs, largestGroup, compactions, pending.size(), gathers);
    }

    private void run() {
        List<Job<?>> group = new ArrayList<>();
        while (true) {
            Job<?> first = pending.poll();
            if (first == null) {
                if (closing) {
                    return;
                }
                idle();
                continue;
            }
            collectGroup(first, group);
            gatherCompanions(group);
            writeGroup(group);
            group.clear();
        }
    }

    private void collectGroup(Job<?> first, List<Job<?>> group) {
        group.add(first);
        long weight = first.weight;
        while (group.size() < settings.maxGroupOperations() && weight < settings.maxGroupBytes()) {
            Job<?> next = pending.poll();
            if (next == null) {
                break;
            }
            group.add(next);
            weight += next.weight;
        }
    }

    /**
     * Waits (at most {@link #gatherLimitNanos}) until the group holds as many writes as its
     * writes announced (each itself plus its companions), taking each new one in as it arrives.
     */
    private void gatherCompanions(List<Job<?>> group) {
        int wanted = wantedCompanions(group);
        int present = companionsPresent(group);
        if (wanted <= present || closing) {
            return;
        }
        gathers++;
        long deadline = System.nanoTime() + gatherLimitNanos();
        long weight = 0;
        for (Job<?> job : group) {
            weight += job.weight;
        }
        while (present < wanted && group.size() < settings.maxGroupOperations() && weight < settings.maxGroupBytes()
                && !closing) {
            Job<?> next = pending.poll();
            if (next != null) {
                group.add(next);
                weight += next.weight;
                if (next.companions >= 0) {
                    present++;
                    wanted = Math.max(wanted, next.companions + 1);
                }
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            parked = true;
            if (pending.isEmpty()) {
                LockSupport.parkNanos(this, left);
            }
            parked = false;
        }
    }

    /** How many companion-announcing writes the group should hold: the most any of them expects (itself included). */
    private static int wantedCompanions(List<Job<?>> group) {
        int wanted = 0;
        for (Job<?> job : group) {
            wanted = Math.max(wanted, job.companions + 1);
        }
        return wanted;
    }

    private static int companionsPresent(List<Job<?>> group) {
        int present = 0;
        for (Job<?> job : group) {
            if (job.companions >= 0) {
                present++;
            }
        }
        return present;
    }

    /** Waiting longer than a sync takes would cost more than the sync it saves. */
    private long gatherLimitNanos() {
        return Math.min(MAX_GATHER_NANOS, syncNanosAverage);
    }

    private void writeGroup(List<Job<?>> group) {
        boolean durable = false;
        StoreException failure = broken;
        if (failure == null) {
            for (Job<?> job : group) {
                queuedWeight.addAndGet(-job.weight);
                job.run();
                durable |= job.durable && job.failure == null;
                if (store.isClosed()) {
                    failure = markBroken("the store file was closed after an error", store.getPanicException());
                    break;
                }
            }
        }
        if (failure == null) {
            try {
                beforeCommit.run();
            } catch (RuntimeException e) {
                LOG.warn("Recording store high-water marks failed", e);
            }
            failure = commitAndSync(durable);
        }
        if (failure != null) {
            for (Job<?> job : group) {
                if (job.failure == null) {
                    job.failure = failure;
                }
            }
        }
        for (Job<?> job : group) {
            job.finish();
        }
        tasks += group.size();
        groups++;
        if (group.size() > largestGroup) {
            largestGroup = group.size();
        }
    }

    /** Returns null on success, else the failure every future of the group gets. */
    private StoreException commitAndSync(boolean durable) {
        try {
            if (store.hasUnsavedChanges()) {
                store.commit();
                commits++;
                unsyncedCommits = true;
            }
            if (durable && unsyncedCommits) {
                long start = System.nanoTime();
                store.sync();
                syncNanosAverage += (System.nanoTime() - start - syncNanosAverage) / 8;
                syncs++;
                unsyncedCommits = false;
            }
            return null;
        } catch (RuntimeException e) {
            if (store.isClosed()) {
                return markBroken("writing the store file failed; the store is closed", e);
            }
            LOG.error("Writing or syncing the store file failed; the writes of this group are reported as failed"
                    + " (publishers get a nack) and the store carries on", e);
            return new StoreException("writing the store file failed: " + e.getMessage(), e);
        }
    }

    private StoreException markBroken(String why, Throwable cause) {
        StoreException failure = new StoreException(why + ": every persistent write now fails until FerryMQ is"
                + " restarted" + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
        if (broken == null) {
            LOG.error("Message store failed: {}", failure.getMessage(), cause);
            broken = failure;
        }
        return broken;
    }

    private void idle() {
        parked = true;
        if (pending.isEmpty() && !closing) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
        parked = false;
        if (pending.isEmpty() && !closing) {
            compactStep();
        }
    }

    /** One bounded compaction step when the file has become sparse. */
    private void compactStep() {
        long now = System.nanoTime();
        if (settings.compactFillRate() == 0 || broken != null || now - lastCompactionCheck < COMPACTION_INTERVAL_NANOS) {
            return;
        }
        lastCompactionCheck = now;
        try {
            // live data in chunks, not the share of file blocks in use (MVStore.getFillRate)
            if (store.getFileStore().getChunksFillRate() >= settings.compactFillRate()) {
                return;
            }
            if (store.compact(settings.compactFillRate(), settings.compactBytesPerStep())) {
                compactions++;
                commitAndSync(true);
            }
        } catch (RuntimeException e) {
            if (store.isClosed()) {
                markBroken("compacting the store file failed; the store is closed", e);
            } else {
                LOG.warn("Compacting the store file failed; will try again later", e);
            }
        }
    }

    private void failPending(StoreException failure) {
        for (Job<?> job; (job = pending.poll()) != null; ) {
            job.done.completeExceptionally(failure);
        }
    }
}
