package org.ferrymq.broker.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.model.exchange.Destination;

/**
 * A queue: ready messages in order, and the consumers they are dispatched to round-robin.
 *
 * <p>Threading: all state is owned by the queue's {@link SerialExecutor}. Every public method
 * is thread-safe: it posts a task and, where the caller needs an answer, returns a future that
 * the executor completes. Callers that must keep replies in order (an AMQP channel) wait for
 * the future before handling their next command.
 */
public final class MessageQueue implements Destination {
    private final QueueSettings settings;
    private final String vhost;
    private final SerialExecutor executor;
    private final Consumer<MessageQueue> autoDeleteHook;

    // owned by executor
    private final ArrayDeque<QueueEntry> ready = new ArrayDeque<>();
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private int nextConsumer;
    private long nextSequence;
    private boolean hadConsumers;
    private boolean deleted;
    // read without the executor by management views; written only by it
    private volatile int readyCount;
    private volatile int consumerCount;

    MessageQueue(QueueSettings settings, String vhost, Executor pool, Consumer<MessageQueue> autoDeleteHook) {
        this.settings = settings;
        this.vhost = vhost;
        this.executor = new SerialExecutor(pool);
        this.autoDeleteHook = autoDeleteHook;
    }

    @Override
    public String name() {
        return settings.name();
    }

    public QueueSettings settings() {
        return settings;
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

    /** True if {@code connection} may use this queue (it is not another connection's exclusive queue). */
    public boolean accessibleBy(Object connection) {
        return settings.exclusiveOwner() == null || settings.exclusiveOwner() == connection;
    }

    /** Approximate counts for management views; declare-ok uses {@link #counts()}. */
    public int readyCountSnapshot() {
        return readyCount;
    }

    public int consumerCountSnapshot() {
        return consumerCount;
    }

    /** Appends a message and dispatches it if a consumer has room. */
    public void enqueue(Message message) {
        executor.execute(() -> {
            if (deleted) {
                return;
            }
            ready.addLast(new QueueEntry(message, nextSequence++));
            dispatchNow();
        });
    }

    /** Appends several messages in one task (a committed transaction's publishes). */
    public void enqueueAll(List<Message> messages) {
        executor.execute(() -> {
            if (deleted) {
                return;
            }
            for (Message m : messages) {
                ready.addLast(new QueueEntry(m, nextSequence++));
            }
            dispatchNow();
        });
    }

    /** Asks the queue to try its consumers again, e.g. after one of them freed prefetch room. */
    public void dispatch() {
        executor.execute(this::dispatchNow);
    }

    /** Counts for queue.declare-ok, exact with respect to every task posted before it. */
    public CompletableFuture<QueueCounts> counts() {
        return call(() -> new QueueCounts(name(), ready.size(), consumers.size()));
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
            boolean heldExclusively = !consumers.isEmpty() && consumers.get(0).exclusive();
            if (heldExclusively || (consumer.exclusive() && !consumers.isEmpty())) {
                done.completeExceptionally(AmqpException.accessRefused(
                        "queue '" + name() + "' in vhost '" + vhost + "' in exclusive use"));
                return;
            }
            consumers.add(consumer);
            consumerCount = consumers.size();
            hadConsumers = true;
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
                if (consumers.isEmpty() && settings.autoDelete() && hadConsumers && !deleted) {
                    autoDeleteHook.accept(this);
                }
            }
            return null;
        });
    }

    /** basic.get: takes the head message, or null when empty; the remaining count comes along. */
    public CompletableFuture<GetResult> get() {
        return call(() -> {
            QueueEntry entry = ready.pollFirst();
            if (entry != null) {
                entry.markDelivered();
                readyCount = ready.size();
            }
            return new GetResult(entry, ready.size());
        });
    }

    /** What basic.get found: the entry (null for get-empty) and how many messages remain. */
    public record GetResult(QueueEntry entry, int remaining) {
    }

    /**
     * Puts unacknowledged entries back where they were in the queue (by sequence), marked
     * redelivered, and dispatches them again.
     */
    public void requeue(List<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            if (deleted) {
                return;
            }
            List<QueueEntry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparingLong(QueueEntry::sequence));
            insertInOrder(sorted);
            dispatchNow();
        });
    }

    /** Removes every ready message; answers how many. Unacknowledged messages stay with their consumers. */
    public CompletableFuture<Integer> purge() {
        return call(() -> {
            int purged = ready.size();
            ready.clear();
            readyCount = 0;
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

    /** Deletes unconditionally (exclusive owner gone, auto-delete, vhost removal). */
    void forceDelete() {
        executor.execute(this::deleteNow);
    }

    private int deleteNow() {
        if (deleted) {
            return 0;
        }
        deleted = true;
        int dropped = ready.size();
        ready.clear();
        readyCount = 0;
        List<QueueConsumer> told = new ArrayList<>(consumers);
        consumers.clear();
        consumerCount = 0;
        for (QueueConsumer c : told) {
            c.queueDeleted(this);
        }
        return dropped;
    }

    private void insertInOrder(List<QueueEntry> sorted) {
        QueueEntry head = ready.peekFirst();
        if (head == null || sorted.get(sorted.size() - 1).sequence() < head.sequence()) {
            // the usual case: everything requeued is older than what is still ready
            for (int i = sorted.size() - 1; i >= 0; i--) {
                ready.addFirst(sorted.get(i));
            }
        } else {
            List<QueueEntry> merged = new ArrayList<>(ready.size() + sorted.size());
            merged.addAll(ready);
            merged.addAll(sorted);
            merged.sort(Comparator.comparingLong(QueueEntry::sequence));
            ready.clear();
            ready.addAll(merged);
        }
        readyCount = ready.size();
    }

    private void dispatchNow() {
        while (!ready.isEmpty() && !consumers.isEmpty()) {
            QueueConsumer consumer = nextConsumerWithRoom();
            if (consumer == null) {
                break;
            }
            QueueEntry entry = ready.pollFirst();
            entry.markDelivered();
            consumer.deliver(this, entry);
        }
        readyCount = ready.size();
    }

    /** Round-robin: the next consumer after the last one served that can take a message. */
    private QueueConsumer nextConsumerWithRoom() {
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            int index = (nextConsumer + i) % n;
            QueueConsumer candidate = consumers.get(index);
            if (candidate.tryReserve()) {
                nextConsumer = (index + 1) % n;
                return candidate;
            }
        }
        return null;
    }

    private <T> CompletableFuture<T> call(java.util.function.Supplier<T> work) {
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
