package org.ferrymq.broker.management;

import java.util.Map;

/**
 * A queue as management sees it. Counts are the queue's latest published snapshot (no queue
 * task is waited for), so listing 10,000 queues costs no more than reading 10,000 objects.
 *
 * @param exclusive    declared exclusive (owned by one connection)
 * @param ready        ready messages (in memory and paged out)
 * @param unacked      delivered and not yet acknowledged
 * @param readyBytes   body bytes of ready messages
 * @param pagedOut     ready messages held on disk only
 */
public record QueueView(String vhost, String name, boolean durable, boolean autoDelete, boolean exclusive,
                        Map<String, Object> arguments, int ready, int unacked, int consumers, long readyBytes,
                        int pagedOut, MessageCounters counters) {
    public QueueView {
        arguments = Map.copyOf(arguments);
    }

    public int messages() {
        return ready + unacked;
    }
}
