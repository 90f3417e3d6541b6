package org.ferrymq.broker.model;

import java.util.ArrayList;
import java.util.List;

import org.ferrymq.broker.errors.AmqpException;

/**
 * A queue's consumers and who gets the next message: round-robin among those with room, or
 * only the first one when the queue has a single active consumer; consumers with a selector
 * are only offered messages they accept.
 *
 * <p>Owned by the queue's executor.
 */
final class QueueConsumers {
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private final boolean singleActive;
    private int next;
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
        consumers.add(consumer);
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
}
