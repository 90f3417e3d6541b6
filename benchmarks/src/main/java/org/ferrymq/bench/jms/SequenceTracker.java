package org.ferrymq.bench.jms;

import java.util.BitSet;

/**
 * Exactly-once bookkeeping of one subscriber: which sequence numbers arrived, and how often
 * one arrived again. Once the producer says how many it sent, the gaps are the missing ones.
 *
 * <p>Threading: owned by the subscriber's thread while the run lasts; read by the harness
 * thread after that thread has ended (the join makes its writes visible).
 */
final class SequenceTracker {
    private final BitSet seen = new BitSet();
    private long delivered;
    private long duplicates;
    private long outOfRange;

    /** @return true the first time this sequence number arrives */
    boolean record(int sequence) {
        delivered++;
        if (sequence < 0) {
            outOfRange++;
            return false;
        }
        if (seen.get(sequence)) {
            duplicates++;
            return false;
        }
        seen.set(sequence);
        return true;
    }

    long delivered() {
        return delivered;
    }

    long distinct() {
        return seen.cardinality();
    }

    long duplicates() {
        return duplicates;
    }

    /** Numbers in [0, sent) that never arrived. */
    long missing(long sent) {
        return sent - seen.get(0, (int) Math.min(sent, Integer.MAX_VALUE)).cardinality();
    }

    /** Arrivals that cannot have been sent: negative numbers or numbers at or past {@code sent}. */
    long unexpected(long sent) {
        return outOfRange + (seen.length() > sent ? seen.get((int) sent, seen.length()).cardinality() : 0);
    }
}
