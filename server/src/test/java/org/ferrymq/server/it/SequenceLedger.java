package org.ferrymq.server.it;

import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a load test did, by message sequence number: published, confirmed by the broker,
 * received by the consumer (first time or again), acked by the consumer. Thread-safe; shared by
 * the publisher, the consumer and the test across broker restarts.
 */
final class SequenceLedger {
    private final AtomicLong nextSequence = new AtomicLong(1);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong nacked = new AtomicLong();
    private final NavigableSet<Long> confirmed = new ConcurrentSkipListSet<>();
    private final Set<Long> received = ConcurrentHashMap.newKeySet();
    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final List<String> unmarkedDuplicates = new CopyOnWriteArrayList<>();
    private final List<String> unknown = new CopyOnWriteArrayList<>();

    long nextSequence() {
        return nextSequence.getAndIncrement();
    }

    /** Sequence numbers handed out so far are below this. */
    long sequenceLimit() {
        return nextSequence.get();
    }

    void published() {
        published.incrementAndGet();
    }

    void confirmed(long sequence) {
        confirmed.add(sequence);
    }

    void nacked() {
        nacked.incrementAndGet();
    }

    /** The consumer got this sequence number (before acking it). */
    void received(long sequence, boolean redeliveredFlag, int cycle) {
        deliveries.incrementAndGet();
        if (redeliveredFlag) {
            redelivered.incrementAndGet();
        }
        if (sequence <= 0 || sequence >= sequenceLimit()) {
            unknown.add("seq " + sequence + " in cycle " + cycle);
        }
        if (!received.add(sequence)) {
            duplicates.incrementAndGet();
            if (!redeliveredFlag) {
                unmarkedDuplicates.add("seq " + sequence + " in cycle " + cycle + (acked.contains(sequence) ? " (acked before)" : ""));
            }
        }
    }

    void acked(long sequence) {
        acked.add(sequence);
    }

    /** Confirmed by the broker but never received by the consumer. */
    NavigableSet<Long> lost() {
        NavigableSet<Long> lost = new ConcurrentSkipListSet<>(confirmed);
        lost.removeAll(received);
        return lost;
    }

    long publishedCount() {
        return published.get();
    }

    long confirmedCount() {
        return confirmed.size();
    }

    long nackedCount() {
        return nacked.get();
    }

    long receivedCount() {
        return received.size();
    }

    long ackedCount() {
        return acked.size();
    }

    long deliveryCount() {
        return deliveries.get();
    }

    long redeliveredCount() {
        return redelivered.get();
    }

    long duplicateCount() {
        return duplicates.get();
    }

    List<String> unmarkedDuplicates() {
        return List.copyOf(unmarkedDuplicates);
    }

    List<String> unknownSequences() {
        return List.copyOf(unknown);
    }

    String summary() {
        return "published=" + publishedCount() + " confirmed=" + confirmedCount() + " nacked=" + nackedCount()
                + " deliveries=" + deliveryCount() + " distinct-received=" + receivedCount() + " acked=" + ackedCount()
                + " redelivered=" + redeliveredCount() + " duplicates=" + duplicateCount()
                + " unmarked-duplicates=" + unmarkedDuplicates.size()
                + " confirmed-not-received=" + lost().size() + " (lost, once the queue is drained)";
    }
}
