package org.ferrymq.broker.store.h2;


/**
 * An open-addressing hash map from long to a positive int count, without boxing: a million
 * entries take about 24 MB instead of the ~100 MB of a {@code HashMap<Long, Integer>}.
 * Linear probing with backward-shift deletion. Absent keys read as 0. Not thread-safe.
 */
final class LongCounts {
    private static final long FREE = 0;

    private long[] keys;
    private int[] counts;
    private int size;
    private int mask;
    private int zeroKeyCount; // key 0 is the free-slot marker, so its count lives here

    LongCounts(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        counts = new int[capacity];
        mask = capacity - 1;
    }

    int get(long key) {
        if (key == FREE) {
            return zeroKeyCount;
        }
        int slot = find(key);
        return keys[slot] == key ? counts[slot] : 0;
    }

    /** Sets the count; 0 removes the key. */
    void put(long key, int count) {
        if (key == FREE) {
            zeroKeyCount = count;
            return;
        }
        int slot = find(key);
        if (keys[slot] == key) {
            if (count == 0) {
                removeAt(slot);
            } else {
                counts[slot] = count;
            }
        } else if (count != 0) {
            keys[slot] = key;
            counts[slot] = count;
            if (++size * 2 > keys.length) {
                grow();
            }
        }
    }

    int increment(long key) {
        int count = get(key) + 1;
        put(key, count);
        return count;
    }

    /** Number of keys with a non-zero count. */
    int size() {
        return size + (zeroKeyCount != 0 ? 1 : 0);
    }

    interface Visitor {
        void visit(long key, int count);
    }

    void forEach(Visitor visitor) {
        if (zeroKeyCount != 0) {
            visitor.visit(FREE, zeroKeyCount);
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                visitor.visit(keys[i], counts[i]);
            }
        }
    }

    private int find(long key) {
        int slot = hash(key) & mask;
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void removeAt(int slot) {
        size--;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != FREE) {
            int home = hash(keys[next]) & mask;
            // move the entry back into the hole unless its home lies cyclically in (hole, next]
            boolean stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
            if (!stays) {
                keys[hole] = keys[next];
                counts[hole] = counts[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = FREE;
        counts[hole] = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
                size++;
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return "LongCounts[size=" + size() + ", capacity=" + keys.length + "]";
    }
}
