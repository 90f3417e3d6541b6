package org.ferrymq.broker.model;

import java.util.Arrays;

/**
 * The part of a long queue that lives on disk: per message only its id, expiry, body size and
 * flags: in the durable store (or paged out as a transient message), possibly delivered before. Sequence numbers
 * are implicit: everything appended here was appended in order with consecutive sequence numbers.
 * About 21 bytes of heap per message, so millions fit where their bodies would not.
 *
 * <p>Owned by the queue's executor.
 */
final class PagedTail {
    private long[] ids = new long[1024];
    private long[] expiries = new long[1024];
    private int[] sizes = new int[1024];
    private byte[] flags = new byte[1024];
    private int head;
    private int count;
    private long firstSequence;
    private long bytes;

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    static final byte STORED = 1;
    static final byte REDELIVERED = 2;

    void append(long id, long sequence, long expiresAt, int size, byte entryFlags) {
        if (count == 0) {
            firstSequence = sequence;
        }
        if (count == ids.length) {
            grow();
        }
        int slot = (head + count) % ids.length;
        ids[slot] = id;
        expiries[slot] = expiresAt;
        sizes[slot] = size;
        flags[slot] = entryFlags;
        count++;
        bytes += size;
    }

    /** Looks at the oldest paged message without removing it. */
    long peekId() {
        return ids[head];
    }

    long peekSequence() {
        return firstSequence;
    }

    long peekExpiry() {
        return expiries[head];
    }

    byte peekFlags() {
        return flags[head];
    }

    void removeFirst() {
        bytes -= sizes[head];
        head = (head + 1) % ids.length;
        count--;
        firstSequence++;
    }

    private void grow() {
        int capacity = ids.length * 2;
        ids = unwrap(ids, capacity);
        expiries = unwrap(expiries, capacity);
        int[] newSizes = new int[capacity];
        byte[] newFlags = new byte[capacity];
        for (int i = 0; i < count; i++) {
            int from = (head + i) % sizes.length;
            newSizes[i] = sizes[from];
            newFlags[i] = flags[from];
        }
        sizes = newSizes;
        flags = newFlags;
        head = 0;
    }

    private long[] unwrap(long[] array, int capacity) {
        long[] copy = new long[capacity];
        int firstPart = Math.min(count, array.length - head);
        System.arraycopy(array, head, copy, 0, firstPart);
        System.arraycopy(array, 0, copy, firstPart, count - firstPart);
        return copy;
    }

    void clear() {
        head = 0;
        count = 0;
        bytes = 0;
        Arrays.fill(flags, (byte) 0);
    }
}
