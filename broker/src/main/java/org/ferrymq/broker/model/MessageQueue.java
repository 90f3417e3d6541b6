package org.ferrymq.broker.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.management.MessageCounters;
import org.ferrymq.broker.model.DeadLetters.Reason;
import org.ferrymq.broker.model.exchange.Destination;

/**
 * A queue: ready messages in order (or by priority), and the consumers they are dispatched to
 * round-robin (or to the single active one). It applies RabbitMQ's queue arguments: message
 * TTL, length limits with their overflow behaviour, dead-lettering, priorities, x-expires.
 *
 * <p>Threading: all state is owned by the queue's {@link SerialExecutor}. Every public method
 * is thread-safe: it posts a task and, where the caller needs an answer, returns a future that
 * the executor completes. Callers that must keep replies in order (an AMQP channel) wait for
 * the future before handling their next command.
 */
public final class MessageQueue implements Destination {
    private final QueueSettings settings;
    private final QueueArguments arguments;
    private final String vhost;
    private final long storeId;
    private final SerialExecutor executor;
    private final PublisherFlow flow;
    private final QueueHost host;
    private final MessageCounters counters = MessageCounters.perObject();
    /** False with {@code management.rates_mode = none}: nothing is counted on the message path. */
    private final boolean counting;

    // owned by executor
    private final ReadyList ready;
    private final QueueConsumers consumers;
    private long nextSequence;
    private boolean hadConsumers;
    /** Written by the executor; read by publishers' flow checks. */
    private volatile boolean deleted;
    private ScheduledFuture<?> expiryTimer;
    private long expiryTimerAt;
    private long lastUsed = System.currentTimeMillis();
    // read without the executor by management views; written only by it
    private volatile int readyCount;
    private volatile int consumerCount;
    private volatile long readyBytes;
    private volatile long readyBytesTotal;
    private volatile int pagedOut;
    /** Handed to a consumer or basic.get and not yet acked, requeued or rejected (auto-ack ones leave at once). */
    private final java.util.concurrent.atomic.AtomicInteger unacked = new java.util.concurrent.atomic.AtomicInteger();

    MessageQueue(QueueSettings settings, QueueArguments arguments, String vhost, long storeId, Executor pool,
                 QueueHost host) {
        this.settings = settings;
        this.arguments = arguments;
        this.vhost = vhost;
        this.storeId = storeId;
        this.flow = new PublisherFlow(new FlowState(), publisherWindow(host.queueMemoryWindow()));
        this.executor = new SerialExecutor(pool, flow::afterTurn);
        this.host = host;
        this.counting = host.countsMessages();
        this.consumers = new QueueConsumers(arguments.singleActiveConsumer());
        this.ready = ReadyList.create(arguments.maxPriority(), host.store(), storeId, host.queueMemoryWindow());
        if (arguments.expires() > 0) {
            scheduleUnusedCheck(arguments.expires());
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** Messages into and out of this queue, for management views and rates. */
    public MessageCounters counters() {
        return counters;
    }

    public QueueSettings settings() {
        return settings;
    }

    public QueueArguments arguments() {
        return arguments;
    }

    public String vhost() {
        return vhost;
    }

    public boolean durable() {
        return settings.durable();
    }

    public boolean exclusive() {
        return settings.exclusive();
    }

    /** The store's id for this queue's entries; 0 if the queue is not kept on disk. */
    public long storeId() {
        return storeId;
    }

    private boolean storesMessage(Message message) {
        return storeId > 0 && message.persistent();
    }

    /** The message leaves the queue for good: its stored entry goes too. Thread-safe. */
    private void forget(QueueEntry entry) {
        if (entry.stored()) {
            host.store().remove(storeId, entry.message().id());
            entry.left();
        }
    }

    /** True if {@code connection} may use this queue (it is not another connection's exclusive queue). */
    public boolean accessibleBy(Object connection) {
        return settings.exclusiveOwner() == null || settings.exclusiveOwner() == connection;
    }

    /** True if a publish may be refused (so a confirm must wait for this queue's answer). */
    public boolean mayRefuse() {
        return arguments.hasLengthLimit() && arguments.overflow() != QueueArguments.Overflow.DROP_HEAD;
    }

    /** Approximate counts for management views; declare-ok uses {@link #counts()}. */
    public int readyCountSnapshot() {
        return readyCount;
    }

    /** Bytes of ready message bodies, in memory and paged out (approximate, for management views). */
    public long readyBytesTotalSnapshot() {
        return readyBytesTotal;
    }

    /** Ready messages held on disk only (approximate, for management views). */
    public int pagedOutSnapshot() {
        return pagedOut;
    }

    /** Messages delivered and not yet acknowledged, requeued or rejected (approximate, for management views). */
    public int unackedCountSnapshot() {
        return Math.max(0, unacked.get());
    }

    public int consumerCountSnapshot() {
        return consumerCount;
    }

    /** Bytes of ready message bodies held in memory, for the memory alarm. */
    public long readyBytesSnapshot() {
        return readyBytes;
    }

    private void countsChanged() {
        readyCount = ready.size();
        readyBytes = ready.bytesInMemory();
        readyBytesTotal = ready.bytes();
        pagedOut = ready.pagedOut();
    }

    // ---- flow control ----------------------------------------------------------------------

    /**
     * How many messages a queue with consumers may be ahead of them before its publishers wait:
     * {@link #PUBLISHER_WINDOW}, or half the memory window if that is smaller, so a queue that
     * is being consumed never pages to disk.
     */
    public static int publisherWindow(int queueMemoryWindow) {
        return Math.max(1, Math.min(PUBLISHER_WINDOW, queueMemoryWindow / 2));
    }

    /** Messages a queue may be ahead of its consumers before publishers wait (see {@link PublisherFlow}). */
    public static final int PUBLISHER_WINDOW = 1_000;

    /**
     * True if a publisher that just handed this queue a message should wait before publishing
     * again: the queue is more than its window ahead of its consumers, or its mailbox is full.
     * Any thread.
     */
    public boolean publishersMustWait() {
        return flow.mustWait();
    }

    /**
     * Runs {@code resume} once publishers may go on (at once if they may now; otherwise on the
     * queue's executor). Any thread.
     */
    public void whenPublishersMayGoOn(Runnable resume) {
        flow.whenMayGoOn(resume);
    }

    /** Publishes in flight plus ready messages: how far the queue is ahead of its consumers (approximate). */
    public int aheadOfConsumersSnapshot() {
        return flow.ahead();
    }

    /** This queue's flow window (messages). */
    public int publisherWindow() {
        return flow.window();
    }

    private final class FlowState implements PublisherFlow.QueueState {
        @Override
        public int pending() {
            return executor.pending();
        }

        @Override
        public int readyCount() {
            return readyCount;
        }

        @Override
        public int consumerCount() {
            return consumerCount;
        }

        @Override
        public boolean deleted() {
            return deleted;
        }

        @Override
        public void runOnQueue(Runnable task) {
            executor.execute(task);
        }

        @Override
        public java.util.concurrent.ScheduledExecutorService scheduler() {
            return host.scheduler();
        }
    }

    // ---- publishing ------------------------------------------------------------------------

    /** Appends a message and dispatches it if a consumer has room. */
    public void enqueue(Message message) {
        enqueue(message, EnqueueCallback.NONE);
    }

    /** Appends a message; {@code callback} learns whether the queue took it. */
    public void enqueue(Message message, EnqueueCallback callback) {
        enqueue(message, callback, null);
    }

    /**
     * Appends a message; {@code callback} learns whether the queue took it, and {@code durableAnswer}
     * (or null) when this queue is done with a persistent message it stores.
     */
    public void enqueue(Message message, EnqueueCallback callback, DurableAnswer durableAnswer) {
        executor.execute(() -> {
            long now = System.currentTimeMillis();
            boolean accepted = !deleted && accept(message, now, durableAnswer);
            callback.done(accepted);
            if (accepted) {
                dispatchAt(now); // the arrival instant: a TTL-0 message is not yet expired at it
                if (arguments.messageTtl() == 0 || message.expirationMillis() == 0) {
                    expireHead(now + 1); // TTL 0: delivered at once or not at all, as in RabbitMQ
                    countsChanged();
                }
            }
        });
    }

    /** Appends several messages in one task (a committed transaction's publishes). */
    public void enqueueAll(List<Message> messages) {
        executor.execute(() -> {
            if (deleted) {
                return;
            }
            long now = System.currentTimeMillis();
            for (Message m : messages) {
                accept(m, now, null);
            }
            dispatchNow();
        });
    }

    private boolean accept(Message message, long now, DurableAnswer durableAnswer) {
        if (arguments.hasLengthLimit() && arguments.overflow() != QueueArguments.Overflow.DROP_HEAD
                && arguments.wouldOverflow(ready.size(), ready.bytes(), message)) {
            if (arguments.overflow() == QueueArguments.Overflow.REJECT_PUBLISH_DLX) {
                deadLetter(message, Reason.MAXLEN);
            }
            if (storesMessage(message)) {
                host.store().remove(storeId, message.id()); // the publisher stored it before we refused
                if (durableAnswer != null) {
                    durableAnswer.leftQueue();
                }
            }
            return false;
        }
        ready.add(new QueueEntry(message, nextSequence++, arguments.expiresAt(message, now), arguments.priorityOf(message),
                storesMessage(message), durableAnswer));
        if (counting) {
            counters.increment(MessageCounters.Kind.PUBLISH);
        }
        dropHeadWhileOverLimit();
        scheduleExpiry();
        return true;
    }

    /**
     * x-max-length(-bytes) with drop-head: the oldest ready messages go (dead-lettered as maxlen)
     * until the queue fits. Runs after an arrival and after a requeue, as RabbitMQ's
     * maybe_drop_head does; reject-publish queues drop nothing and refuse the next publish instead.
     */
    private void dropHeadWhileOverLimit() {
        if (!arguments.hasLengthLimit() || arguments.overflow() != QueueArguments.Overflow.DROP_HEAD) {
            return;
        }
        while (arguments.overLimit(ready.size(), ready.bytes())) {
            QueueEntry dropped = ready.poll();
            deadLetter(dropped.message(), Reason.MAXLEN);
            forget(dropped);
        }
    }

    // ---- consumers -------------------------------------------------------------------------

    /** Asks the queue to try its consumers again, e.g. after one of them freed prefetch room. */
    public void dispatch() {
        executor.execute(this::dispatchNow);
    }

    /** As {@link #dispatch()}, then runs {@code then} on the queue's executor (to give others a turn after this queue). */
    public void dispatch(Runnable then) {
        executor.execute(() -> {
            dispatchNow();
            then.run();
        });
    }

    /**
     * Registers a consumer. Fails with ACCESS_REFUSED if it asks for exclusivity on a queue that
     * has consumers, or the queue already has an exclusive consumer. {@code onAdded} runs on the
     * queue's executor once the consumer is registered and before its first delivery.
     */
    public CompletableFuture<Void> addConsumer(QueueConsumer consumer, Runnable onAdded) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(() -> {
            if (deleted) {
                done.completeExceptionally(AmqpException.notFound("no queue '" + name() + "' in vhost '" + vhost + "'"));
                return;
            }
            try {
                consumers.add(consumer, name(), vhost);
            } catch (AmqpException refused) {
                done.completeExceptionally(refused);
                return;
            }
            consumerCount = consumers.size();
            hadConsumers = true;
            touch();
            onAdded.run();
            done.complete(null);
            dispatchNow();
        });
        return done;
    }

    /** Removes a consumer; an auto-delete queue whose last consumer goes is deleted. */
    public CompletableFuture<Void> removeConsumer(QueueConsumer consumer) {
        return call(() -> {
            if (consumers.remove(consumer)) {
                consumerCount = consumers.size();
                touch();
                if (consumers.isEmpty() && settings.autoDelete() && hadConsumers && !deleted) {
                    deleteNow();
                    host.queueDeleted(this);
                } else {
                    // with a single active consumer, the next one takes over
                    dispatchNow();
                }
            }
            return null;
        });
    }

    /** basic.get: takes the head message, or null when empty; the remaining count comes along. */
    public CompletableFuture<GetResult> get() {
        return call(() -> {
            touch();
            expireHead(System.currentTimeMillis());
            QueueEntry entry = ready.poll();
            if (entry != null) {
                entry.markDelivered();
                unacked.incrementAndGet();
                flow.delivered();
            }
            countsChanged();
            return new GetResult(entry, ready.size());
        });
    }

    /**
     * A browse: of the first {@code limit} ready messages in delivery order, those that
     * {@code wanted} accepts, without taking them. Nothing about the entries changes (not
     * delivered, not redelivered); expired ones are left for the expiry timer and not shown. The
     * limit bounds what is looked at, not what matches, so a selector that matches nothing cannot
     * page a whole queue into memory.
     */
    public CompletableFuture<List<Message>> browse(Predicate<Message> wanted, int limit) {
        return call(() -> {
            touch();
            long now = System.currentTimeMillis();
            List<QueueEntry> taken = new ArrayList<>();
            List<Message> seen = new ArrayList<>();
            // read by polling and putting back: works for every ready list (priority lanes, paged tails)
            QueueEntry entry;
            while (taken.size() < limit && (entry = ready.poll()) != null) {
                taken.add(entry);
                if (!entry.expiredAt(now) && wanted.test(entry.message())) {
                    seen.add(entry.message());
                }
            }
            if (!taken.isEmpty()) {
                taken.sort(Comparator.comparingLong(QueueEntry::sequence));
                ready.requeue(taken);
            }
            countsChanged();
            return seen;
        });
    }

    /**
     * For management: of the first {@code scanLimit} ready messages, those {@code wanted}
     * accepts, with their delivery state; the queue is left exactly as it was.
     */
    public CompletableFuture<List<ReadyMessage>> inspect(Predicate<Message> wanted, int scanLimit) {
        return call(() -> {
            long now = System.currentTimeMillis();
            List<QueueEntry> taken = new ArrayList<>();
            List<ReadyMessage> seen = new ArrayList<>();
            QueueEntry entry;
            while (taken.size() < scanLimit && (entry = ready.poll()) != null) {
                taken.add(entry);
                if (!entry.expiredAt(now) && wanted.test(entry.message())) {
                    seen.add(new ReadyMessage(entry.message(), entry.redelivered(), entry.earlierDeliveries()));
                }
            }
            if (!taken.isEmpty()) {
                taken.sort(Comparator.comparingLong(QueueEntry::sequence));
                ready.requeue(taken);
            }
            countsChanged();
            return seen;
        });
    }

    /**
     * For management (move, delete): takes out of the first {@code scanLimit} ready messages at
     * most {@code max} that {@code wanted} accepts. They stay in the store until the caller
     * {@link #release releases} them, so a crash in between keeps them (at least once, never lost).
     */
    public CompletableFuture<List<QueueEntry>> takeMatching(Predicate<Message> wanted, int max, int scanLimit) {
        return call(() -> {
            long now = System.currentTimeMillis();
            List<QueueEntry> kept = new ArrayList<>();
            List<QueueEntry> chosen = new ArrayList<>();
            int scanned = 0;
            QueueEntry entry;
            while (chosen.size() < max && scanned < scanLimit && (entry = ready.poll()) != null) {
                scanned++;
                if (!entry.expiredAt(now) && wanted.test(entry.message())) {
                    chosen.add(entry);
                } else {
                    kept.add(entry);
                }
            }
            if (!kept.isEmpty()) {
                kept.sort(Comparator.comparingLong(QueueEntry::sequence));
                ready.requeue(kept);
            }
            countsChanged();
            return chosen;
        });
    }

    /** Entries taken by {@link #takeMatching} are gone for good: their stored copies go too. Thread-safe. */
    public void release(List<QueueEntry> taken) {
        taken.forEach(this::forget);
    }

    /** A ready message as management shows it. */
    public record ReadyMessage(Message message, boolean redelivered, int earlierDeliveries) {
    }

    /** What basic.get found: the entry (null for get-empty) and how many messages remain. */
    public record GetResult(QueueEntry entry, int remaining) {
    }

    /**
     * Puts unacknowledged entries back where they were in the queue (by sequence), marked
     * redelivered, then, as RabbitMQ's requeue does, applies the length limit (drop-head) and
     * drops messages whose TTL ran out (never redelivered), and dispatches again.
     */
    public void requeue(List<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        unacked.addAndGet(-entries.size());
        executor.execute(() -> {
            if (deleted) {
                return;
            }
            putBack(new ArrayList<>(entries));
        });
    }

    /**
     * On the queue's executor: entries back among the ready ones by sequence, then the length
     * limit (drop-head), the TTL (an expired message is never redelivered) and a dispatch, as
     * RabbitMQ's requeue does. Sorts {@code entries} in place.
     */
    private void putBack(List<QueueEntry> entries) {
        entries.sort(Comparator.comparingLong(QueueEntry::sequence));
        ready.requeue(entries);
        dropHeadWhileOverLimit();
        long now = System.currentTimeMillis();
        expireHead(now);
        countsChanged();
        scheduleExpiry();
        dispatchAt(now);
    }

    /** A consumer rejected these entries without requeue: they are dead-lettered if the queue says so. */
    public void reject(List<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        unacked.addAndGet(-entries.size());
        executor.execute(() -> {
            for (QueueEntry e : entries) {
                deadLetter(e.message(), Reason.REJECTED);
                forget(e);
            }
        });
    }

    /** A consumer acknowledged this entry: it is done. Thread-safe, no queue task needed. */
    public void acknowledged(QueueEntry entry) {
        unacked.decrementAndGet();
        forget(entry);
    }

    /**
     * Loads messages recovered from the store at start-up, in the store's order, marked as
     * possibly delivered. Each entry's sequence is its message id (ids grow with arrival across
     * the broker), so a message a prepared XA branch still holds can later go back between them,
     * where it was ({@link #returnRestored}).
     */
    public void recover(List<Message> messages) {
        executor.execute(() -> {
            for (Message m : messages) {
                ready.add(restoredEntry(m));
            }
            countsChanged();
            scheduleExpiry();
            dispatchNow();
        });
    }

    /**
     * A message a prepared XA branch restored at start-up holds: sequences of messages published
     * from now on must come after its own, so that it can go back in its place.
     */
    public void reserveSequence(Message held) {
        executor.execute(() -> nextSequence = Math.max(nextSequence, held.id() + 1));
    }

    /**
     * Messages a prepared XA branch restored at start-up held, given back (its rollback, or a
     * requeue in its commit): each goes back where it was among the messages recovered with it,
     * by message id, marked redelivered; then, as for any requeue, the length limit and the TTL
     * apply and the queue dispatches (consumers may be waiting on an empty queue). A paged-out
     * queue takes them at the head of its in-memory part.
     */
    public void returnRestored(List<Message> messages) {
        executor.execute(() -> {
            if (deleted) {
                return;
            }
            List<QueueEntry> entries = new ArrayList<>(messages.size());
            for (Message m : messages) {
                entries.add(restoredEntry(m));
            }
            putBack(entries);
        });
    }

    private QueueEntry restoredEntry(Message m) {
        nextSequence = Math.max(nextSequence, m.id() + 1);
        // the TTL clock started when the message first arrived, not at this restart
        QueueEntry entry = new QueueEntry(m, m.id(), arguments.expiresAt(m, m.arrivedAt()), arguments.priorityOf(m), true);
        entry.markRecovered();
        return entry;
    }

    /** Counts for queue.declare-ok, exact with respect to every task posted before it. */
    public CompletableFuture<QueueCounts> counts() {
        return call(() -> {
            touch();
            expireHead(System.currentTimeMillis());
            return new QueueCounts(name(), ready.size(), consumers.size());
        });
    }

    /** Removes every ready message; answers how many. Unacknowledged messages stay with their consumers. */
    public CompletableFuture<Integer> purge() {
        return call(() -> {
            int purged = ready.size();
            ready.clear().forEach(this::forget);
            countsChanged();
            return purged;
        });
    }

    /**
     * Deletes the queue if the conditions hold (PRECONDITION_FAILED otherwise): its consumers are
     * told, its ready messages dropped. Answers the number of messages dropped.
     */
    public CompletableFuture<Integer> delete(boolean ifUnused, boolean ifEmpty) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        executor.execute(() -> {
            if (ifUnused && !consumers.isEmpty()) {
                done.completeExceptionally(AmqpException.preconditionFailed(
                        "queue '" + name() + "' in vhost '" + vhost + "' in use"));
                return;
            }
            if (ifEmpty && !ready.isEmpty()) {
                done.completeExceptionally(AmqpException.preconditionFailed(
                        "queue '" + name() + "' in vhost '" + vhost + "' not empty"));
                return;
            }
            done.complete(deleteNow());
        });
        return done;
    }

    /** Deletes unconditionally (exclusive owner gone, vhost removal). */
    void forceDelete() {
        executor.execute(this::deleteNow);
    }

    private int deleteNow() {
        if (deleted) {
            return 0;
        }
        deleted = true;
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        int dropped = ready.size();
        ready.clear();
        countsChanged();
        List<QueueConsumer> told = consumers.clear();
        consumerCount = 0;
        for (QueueConsumer c : told) {
            c.queueDeleted(this);
        }
        return dropped;
    }

    // ---- dispatch --------------------------------------------------------------------------

    private void dispatchNow() {
        dispatchAt(System.currentTimeMillis());
    }

    private void dispatchAt(long now) {
        if (consumers.anyFiltering()) {
            dispatchPastSkippedMessages();
        } else if (!consumers.isEmpty()) {
            while (!ready.isEmpty()) {
                expireHead(now);
                if (ready.peek() == null) {
                    break; // empty, or nothing could be read back from disk
                }
                QueueConsumer consumer = consumers.nextWithRoom();
                if (consumer == null) {
                    break;
                }
                QueueEntry entry = ready.poll();
                entry.markDelivered();
                unacked.incrementAndGet();
                flow.delivered();
                consumer.deliver(this, entry);
            }
        }
        countsChanged();
    }

    /** How far past messages no consumer wants a dispatch looks, so one pass stays cheap. */
    private static final int SELECTOR_SCAN_LIMIT = 1_000;

    /**
     * With selectors, the head message may suit no consumer: it stays in the queue for a later
     * one while messages behind it go to consumers that want them (as JMS queues behave).
     */
    private void dispatchPastSkippedMessages() {
        long now = System.currentTimeMillis();
        List<QueueEntry> skipped = new ArrayList<>();
        QueueEntry entry;
        while (skipped.size() < SELECTOR_SCAN_LIMIT && (entry = ready.poll()) != null) {
            if (entry.expiredAt(now)) {
                deadLetter(entry.message(), Reason.EXPIRED);
                forget(entry);
                continue;
            }
            QueueConsumer consumer = consumers.nextFor(entry.message());
            if (consumer == null) {
                skipped.add(entry);
                continue;
            }
            entry.markDelivered();
            unacked.incrementAndGet();
            flow.delivered();
            consumer.deliver(this, entry);
        }
        if (!skipped.isEmpty()) {
            ready.requeue(skipped);
        }
        countsChanged();
    }

    // ---- expiry and dead-lettering -----------------------------------------------------------

    /** Drops (or dead-letters) expired messages at the head, as RabbitMQ expires them. */
    private void expireHead(long now) {
        QueueEntry head;
        while ((head = ready.peek()) != null && head.expiredAt(now)) {
            ready.poll();
            deadLetter(head.message(), Reason.EXPIRED);
            forget(head);
        }
    }

    /** Makes sure a timer fires when the head message expires, so it is dead-lettered on time. */
    private void scheduleExpiry() {
        QueueEntry head = ready.peek();
        if (head == null || head.expiresAt() == 0) {
            return;
        }
        long at = head.expiresAt();
        if (expiryTimer != null && !expiryTimer.isDone() && expiryTimerAt <= at) {
            return;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel(false);
        }
        expiryTimerAt = at;
        long delay = Math.max(0, at + 1 - System.currentTimeMillis());
        expiryTimer = host.scheduler().schedule(() -> executor.execute(() -> {
            expiryTimer = null;
            if (!deleted) {
                expireHead(System.currentTimeMillis());
                countsChanged();
                scheduleExpiry();
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    private void deadLetter(Message message, Reason reason) {
        if (!arguments.deadLettering()) {
            return;
        }
        Message copy = DeadLetters.copyFor(message, reason, name(), arguments.deadLetterExchange(),
                arguments.deadLetterRoutingKey(), host.nextMessageId());
        host.deadLetter(copy, this);
    }

    // ---- x-expires ---------------------------------------------------------------------------

    private void touch() {
        lastUsed = System.currentTimeMillis();
    }

    private void scheduleUnusedCheck(long delayMillis) {
        host.scheduler().schedule(() -> executor.execute(() -> {
            if (deleted) {
                return;
            }
            long idle = System.currentTimeMillis() - lastUsed;
            if (consumers.isEmpty() && idle >= arguments.expires()) {
                deleteNow();
                host.queueDeleted(this);
            } else {
                scheduleUnusedCheck(Math.max(1, arguments.expires() - (consumers.isEmpty() ? idle : 0)));
            }
        }), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Marks use of the queue from outside (a redeclare resets x-expires). */
    void touchFromDeclare() {
        executor.execute(this::touch);
    }

    private <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public String toString() {
        return "queue '" + name() + "' in vhost '" + vhost + "'";
    }
}
