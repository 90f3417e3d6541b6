package org.ferrymq.broker.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;

/**
 * A queue's consumers and who gets the next message: the highest-priority consumers with room
 * first ({@code x-priority}, as RabbitMQ), round-robin among consumers of equal priority; or
 * only the first one registered when the queue has a single active consumer; consumers with a
 * selector are only offered messages they accept.
 *
 * <p>Consumers are kept sorted by priority, highest first, in arrival order within a priority.
 *
 * <p>Owned by the queue's executor.
 */
final class QueueConsumers {
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private final boolean singleActive;
    /** Round-robin position among all consumers, when every consumer has the same priority. */
    private int next;
    /** Round-robin position within each priority, when priorities differ. */
    private final Map<Integer, Integer> nextByPriority = new HashMap<>();
    private int filtering;

    QueueConsumers(boolean singleActive) {
        this.singleActive = singleActive;
    }

    int size() {
        return consumers.size();
    }

    boolean isEmpty() {
        return consumers.isEmpty();
    }

    /** True if some consumer may skip messages, so dispatch must look past the head. */
    boolean anyFiltering() {
        return filtering > 0;
    }

    /** Adds a consumer, refusing (ACCESS_REFUSED) an exclusive one on a used queue or anyone next to an exclusive one. */
    void add(QueueConsumer consumer, String queue, String vhost) {
        boolean heldExclusively = !consumers.isEmpty() && consumers.get(0).exclusive();
        if (heldExclusively || (consumer.exclusive() && !consumers.isEmpty())) {
            throw AmqpException.accessRefused("queue '" + queue + "' in vhost '" + vhost + "' in exclusive use");
        }
        int at = consumers.size();
        if (!singleActive) {
            while (at > 0 && consumers.get(at - 1).priority() < consumer.priority()) {
                at--;
            }
        }
        consumers.add(at, consumer);
        if (consumer.filters()) {
            filtering++;
        }
    }

    boolean remove(QueueConsumer consumer) {
        if (!consumers.remove(consumer)) {
            return false;
        }
        if (consumer.filters()) {
            filtering--;
        }
        return true;
    }

    /** Removes everyone (the queue is deleted) and returns who was there. */
    List<QueueConsumer> clear() {
        List<QueueConsumer> all = new ArrayList<>(consumers);
        consumers.clear();
        filtering = 0;
        return all;
    }

    /** The next consumer that can take a message now, with its credit reserved; null if none. */
    QueueConsumer nextWithRoom() {
        return next(null);
    }

    /** As {@link #nextWithRoom()}, among consumers that accept this message. */
    QueueConsumer nextFor(Message message) {
        return next(message);
    }

    private QueueConsumer next(Message message) {
        int n = consumers.size();
        if (!singleActive && n > 1 && consumers.get(0).priority() != consumers.get(n - 1).priority()) {
            return nextByPriority(message);
        }
        int candidates = singleActive ? Math.min(1, n) : n;
        int first = singleActive ? 0 : next;
        for (int i = 0; i < candidates; i++) {
            int index = (first + i) % n;
            QueueConsumer candidate = consumers.get(index);
            if ((message == null || candidate.accepts(message)) && candidate.tryReserve()) {
                next = (index + 1) % n;
                return candidate;
            }
        }
        return null;
    }

    /** Priority groups from the highest down; round-robin within a group; the first with room wins. */
    private QueueConsumer nextByPriority(Message message) {
        int n = consumers.size();
        int start = 0;
        while (start < n) {
            int priority = consumers.get(start).priority();
            int end = start + 1;
            while (end < n && consumers.get(end).priority() == priority) {
                end++;
            }
            int size = end - start;
            int first = nextByPriority.getOrDefault(priority, 0) % size;
            for (int i = 0; i < size; i++) {
                int offset = (first + i) % size;
                QueueConsumer candidate = consumers.get(start + offset);
                if ((message == null || candidate.accepts(message)) && candidate.tryReserve()) {
                    nextByPriority.put(priority, (offset + 1) % size);
                    return candidate;
                }
            }
            start = end;
        }
        return null;
    }
}
