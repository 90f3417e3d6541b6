package org.ferrymq.broker.model;

import java.util.ArrayList;
import java.util.List;

/** x-max-priority queues: one FIFO per priority level, highest first (RabbitMQ's priority queue). */
final class PriorityReadyList implements ReadyList {
    private final FifoReadyList[] levels;
    private int size;
    private long bytes;

    PriorityReadyList(int maxPriority) {
        levels = new FifoReadyList[maxPriority + 1];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new FifoReadyList();
        }
    }

    private FifoReadyList levelOf(QueueEntry entry) {
        return levels[Math.min(entry.priority(), levels.length - 1)];
    }

    @Override
    public void add(QueueEntry entry) {
        levelOf(entry).add(entry);
        size++;
        bytes += entry.size();
    }

    @Override
    public QueueEntry peek() {
        for (int i = levels.length - 1; i >= 0; i--) {
            QueueEntry head = levels[i].peek();
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    @Override
    public QueueEntry poll() {
        for (int i = levels.length - 1; i >= 0; i--) {
            QueueEntry head = levels[i].poll();
            if (head != null) {
                size--;
                bytes -= head.size();
                return head;
            }
        }
        return null;
    }

    @Override
    public void requeue(List<QueueEntry> sorted) {
        List<List<QueueEntry>> byLevel = new ArrayList<>(levels.length);
        for (int i = 0; i < levels.length; i++) {
            byLevel.add(new ArrayList<>());
        }
        for (QueueEntry e : sorted) {
            byLevel.get(Math.min(e.priority(), levels.length - 1)).add(e);
            size++;
            bytes += e.size();
        }
        for (int i = 0; i < levels.length; i++) {
            if (!byLevel.get(i).isEmpty()) {
                levels[i].requeue(byLevel.get(i));
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public List<QueueEntry> clear() {
        List<QueueEntry> all = new ArrayList<>(size);
        for (int i = levels.length - 1; i >= 0; i--) {
            all.addAll(levels[i].clear());
        }
        size = 0;
        bytes = 0;
        return all;
    }
}
