package org.ferrymq.broker.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** First in, first out; requeued entries go back to their original place. */
final class FifoReadyList implements ReadyList {
    private final ArrayDeque<QueueEntry> entries = new ArrayDeque<>();
    private long bytes;

    @Override
    public void add(QueueEntry entry) {
        entries.addLast(entry);
        bytes += entry.size();
    }

    @Override
    public QueueEntry peek() {
        return entries.peekFirst();
    }

    @Override
    public QueueEntry poll() {
        QueueEntry entry = entries.pollFirst();
        if (entry != null) {
            bytes -= entry.size();
        }
        return entry;
    }

    @Override
    public void requeue(List<QueueEntry> sorted) {
        for (QueueEntry e : sorted) {
            bytes += e.size();
        }
        QueueEntry head = entries.peekFirst();
        if (head == null || sorted.get(sorted.size() - 1).sequence() < head.sequence()) {
            // the usual case: everything requeued is older than what is still ready
            for (int i = sorted.size() - 1; i >= 0; i--) {
                entries.addFirst(sorted.get(i));
            }
            return;
        }
        List<QueueEntry> merged = new ArrayList<>(entries.size() + sorted.size());
        merged.addAll(entries);
        merged.addAll(sorted);
        merged.sort(Comparator.comparingLong(QueueEntry::sequence));
        entries.clear();
        entries.addAll(merged);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public List<QueueEntry> clear() {
        List<QueueEntry> all = new ArrayList<>(entries);
        entries.clear();
        bytes = 0;
        return all;
    }
}
