package org.ferrymq.broker.model;

import java.util.List;

import org.ferrymq.broker.store.MessageStore;
import org.ferrymq.broker.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FIFO ready list that keeps at most a window of messages in memory and the rest on disk
 * (like a RabbitMQ lazy queue or Artemis paging), so a backlog of millions of messages does not
 * exhaust the heap. Once anything is paged out, new messages go to the disk tail behind it, to
 * keep order; the in-memory head is refilled from the tail, in order, as it drains.
 *
 * <p>Persistent messages of a durable queue are already in the store and only drop their body
 * from memory; transient ones are written to the store's page area (no fsync, not recovered).
 *
 * <p>Owned by the queue's executor.
 */
final class PagingReadyList implements ReadyList {
    private final FifoReadyList head = new FifoReadyList();
    private final PagedTail tail = new PagedTail();
    private static final Logger LOG = LoggerFactory.getLogger(PagingReadyList.class);

    private final MessageStore store;
    private final long storeId;
    private final int window;

    PagingReadyList(MessageStore store, long storeId, int window) {
        this.store = store;
        this.storeId = storeId;
        this.window = window;
    }

    @Override
    public void add(QueueEntry entry) {
        if (tail.isEmpty() && head.size() < window) {
            head.add(entry);
            return;
        }
        Message message = entry.message();
        if (!entry.stored()) {
            store.pageOut(message.toStored());
        }
        byte flags = (byte) ((entry.stored() ? PagedTail.STORED : 0) | (entry.redelivered() || entry.recovered() ? PagedTail.REDELIVERED : 0));
        tail.append(message.id(), entry.sequence(), entry.expiresAt(), message.bodySize(), flags);
    }

    @Override
    public QueueEntry peek() {
        refillIfEmpty();
        return head.peek();
    }

    @Override
    public QueueEntry poll() {
        refillIfEmpty();
        return head.poll();
    }

    @Override
    public void requeue(List<QueueEntry> sorted) {
        // requeued messages are older than anything on disk, so they belong in the head
        head.requeue(sorted);
    }

    @Override
    public int size() {
        return head.size() + tail.size();
    }

    @Override
    public long bytes() {
        return head.bytes() + tail.bytes();
    }

    @Override
    public int pagedOut() {
        return tail.size();
    }

    @Override
    public long bytesInMemory() {
        return head.bytes();
    }

    /** Clears both parts; the paged-out messages are dropped from disk here, only the in-memory ones are returned. */
    @Override
    public List<QueueEntry> clear() {
        List<QueueEntry> inMemory = head.clear();
        while (!tail.isEmpty()) {
            long id = tail.peekId();
            boolean stored = (tail.peekFlags() & PagedTail.STORED) != 0;
            tail.removeFirst();
            if (stored) {
                store.remove(storeId, id);
            } else {
                store.pageIn(id);
            }
        }
        return inMemory;
    }

    private void refillIfEmpty() {
        if (!head.isEmpty() || tail.isEmpty()) {
            return;
        }
        int batch = Math.max(1, window / 2);
        // an unreadable page is skipped (and logged): keep going until something could be read
        for (int i = 0; (i < batch || head.isEmpty()) && !tail.isEmpty(); i++) {
            QueueEntry entry = pageIn();
            if (entry != null) {
                head.add(entry);
            }
        }
    }

    private QueueEntry pageIn() {
        long id = tail.peekId();
        long sequence = tail.peekSequence();
        long expiresAt = tail.peekExpiry();
        byte flags = tail.peekFlags();
        tail.removeFirst();
        boolean stored = (flags & PagedTail.STORED) != 0;
        StoredMessage read = stored ? store.load(id) : store.pageIn(id);
        if (read == null) {
            LOG.error("Paged message {} could not be read back from the store; it is lost", id);
            return null;
        }
        QueueEntry entry = new QueueEntry(Message.fromStored(read), sequence, expiresAt, 0, stored);
        if ((flags & PagedTail.REDELIVERED) != 0) {
            entry.markRecovered();
        }
        return entry;
    }
}
