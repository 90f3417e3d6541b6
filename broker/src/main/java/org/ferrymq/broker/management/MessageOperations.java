package org.ferrymq.broker.management;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.MessageSelection;
import org.ferrymq.broker.model.QueueEntry;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.model.VirtualHostRegistry;
import org.ferrymq.selector.Selector;

/**
 * Messages through management: publish, get (RabbitMQ's ack modes), browse without taking,
 * and move, copy or delete by ids or by selector with a limit.
 *
 * <p>Threading: thread-safe; every queue operation is a task on the queue's executor, awaited.
 */
public final class MessageOperations {
    /** How many ready messages a browse or a move looks at, at most (as {@code x-browse-limit}). */
    public static final int DEFAULT_SCAN_LIMIT = 10_000;

    /** RabbitMQ's ack modes for {@code POST /api/queues/vhost/name/get}. */
    public enum AckMode {
        ACK_REQUEUE_TRUE, ACK_REQUEUE_FALSE, REJECT_REQUEUE_TRUE, REJECT_REQUEUE_FALSE;

        public static AckMode parse(String text) {
            try {
                return valueOf(text.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ManagementException.badRequest("ackmode must be one of ack_requeue_true, ack_requeue_false, "
                        + "reject_requeue_true, reject_requeue_false");
            }
        }
    }

    /** What a browse found: the page of matching messages and how many matched in what was looked at. */
    public record BrowsePage(List<MessageView> messages, int matched, int scanned) {
    }

    private final BrokerManagement management;
    private final VirtualHostRegistry vhosts;

    MessageOperations(BrokerManagement management, VirtualHostRegistry vhosts) {
        this.management = management;
        this.vhosts = vhosts;
    }

    /** Publishes a message; answers whether it was routed to at least one queue. */
    public boolean publish(String vhost, String exchange, String routingKey, Map<String, Object> properties,
                           byte[] body) {
        VirtualHost v = management.requireVhost(vhost);
        String exchangeName = "amq.default".equals(exchange) ? "" : exchange;
        if (!exchangeName.isEmpty() && v.findExchange(exchangeName).isEmpty()) {
            throw ManagementException.notFound("no exchange '" + exchange + "' in vhost '" + vhost + "'");
        }
        AmqpBasicProperties props = MessageProperties.fromMap(properties);
        Message message = Message.of(vhosts.nextMessageId(), exchangeName, routingKey, props, body);
        List<MessageQueue> queues = BrokerManagement.amqp(() -> v.route(exchangeName, routingKey, message.headers(), message));
        if (management.countsMessages()) {
            v.counters().increment(MessageCounters.Kind.PUBLISH);
            v.findExchange(exchangeName).ifPresent(e -> e.counters().increment(MessageCounters.Kind.PUBLISH));
        }
        enqueueDurably(v, message, queues);
        return !queues.isEmpty();
    }

    /** Writes a persistent message for the durable ones among {@code queues}, waits for the disk, then enqueues it. */
    private static void enqueueDurably(VirtualHost v, Message message, List<MessageQueue> queues) {
        java.util.concurrent.CompletableFuture<Void> onDisk = v.persist(message, queues);
        if (onDisk != null) {
            BrokerManagement.await(onDisk);
        }
        for (MessageQueue q : queues) {
            q.enqueue(message);
        }
    }

    /** Takes up to {@code count} messages, settling each as {@code mode} says (RabbitMQ's get). */
    public List<MessageView> get(String vhost, String queue, int count, AckMode mode) {
        if (count < 1) {
            throw ManagementException.badRequest("count must be at least 1");
        }
        MessageQueue q = management.requireQueue(management.requireVhost(vhost), queue);
        List<MessageView> out = new ArrayList<>();
        List<QueueEntry> requeue = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MessageQueue.GetResult result = BrokerManagement.await(q.get());
            QueueEntry entry = result.entry();
            if (entry == null) {
                break;
            }
            if (management.countsMessages()) {
                q.counters().increment(MessageCounters.Kind.DELIVER_GET);
                management.requireVhost(vhost).counters().increment(MessageCounters.Kind.DELIVER_GET);
            }
            out.add(view(entry.message(), entry.redelivered(), entry.earlierDeliveries(), result.remaining()));
            switch (mode) {
                case ACK_REQUEUE_FALSE -> q.acknowledged(entry);
                case REJECT_REQUEUE_FALSE -> q.reject(List.of(entry));
                default -> requeue.add(entry);
            }
        }
        // requeued after the loop, so a get of 5 shows 5 different messages
        q.requeue(requeue);
        return out;
    }

    /**
     * A page of the queue's ready messages, left exactly where they are: of the first
     * {@code scanLimit} ready messages, those matching {@code selector} (a JMS selector, or
     * null) whose body contains {@code bodyContains} (UTF-8, or null), skipping {@code offset}.
     */
    public BrowsePage browse(String vhost, String queue, String selector, String bodyContains, int offset, int limit,
                             int scanLimit) {
        if (offset < 0 || limit < 0 || scanLimit < 0) {
            throw ManagementException.badRequest("offset, limit and scan limit must not be negative");
        }
        MessageQueue q = management.requireQueue(management.requireVhost(vhost), queue);
        Predicate<Message> wanted = filter(selector, bodyContains, null);
        List<MessageQueue.ReadyMessage> found = BrokerManagement.await(q.inspect(wanted, scanLimit));
        List<MessageView> page = new ArrayList<>();
        for (int i = offset; i < found.size() && page.size() < limit; i++) {
            MessageQueue.ReadyMessage m = found.get(i);
            page.add(view(m.message(), m.redelivered(), m.earlierDeliveries(), -1));
        }
        return new BrowsePage(page, found.size(), Math.min(scanLimit, q.readyCountSnapshot() + found.size()));
    }

    /**
     * Moves messages (by {@code ids}, or matching {@code selector}; null for all) from one queue
     * to another, at most {@code limit}; answers how many moved. Each moved message is on disk in
     * the target (if persistent and durable there) before it leaves the source's store.
     */
    public int move(String vhost, String queue, String targetVhost, String targetQueue, Set<Long> ids, String selector,
                    int limit) {
        VirtualHost sourceHost = management.requireVhost(vhost);
        MessageQueue source = management.requireQueue(sourceHost, queue);
        VirtualHost targetHost = management.requireVhost(targetVhost);
        MessageQueue target = management.requireQueue(targetHost, targetQueue);
        if (source == target) {
            throw ManagementException.badRequest("source and target are the same queue");
        }
        List<QueueEntry> taken = BrokerManagement.await(source.takeMatching(filter(selector, null, ids),
                checkedLimit(limit), DEFAULT_SCAN_LIMIT));
        for (QueueEntry entry : taken) {
            enqueueDurably(targetHost, copyOf(entry.message()), List.of(target));
        }
        source.release(taken);
        return taken.size();
    }

    /** Copies matching messages (at most {@code limit}) to another queue; the source is left as it was. */
    public int copy(String vhost, String queue, String targetVhost, String targetQueue, Set<Long> ids, String selector,
                    int limit) {
        MessageQueue source = management.requireQueue(management.requireVhost(vhost), queue);
        VirtualHost targetHost = management.requireVhost(targetVhost);
        MessageQueue target = management.requireQueue(targetHost, targetQueue);
        List<MessageQueue.ReadyMessage> found = BrokerManagement.await(source.inspect(filter(selector, null, ids),
                DEFAULT_SCAN_LIMIT));
        int n = Math.min(found.size(), checkedLimit(limit));
        for (int i = 0; i < n; i++) {
            enqueueDurably(targetHost, copyOf(found.get(i).message()), List.of(target));
        }
        return n;
    }

    /** Deletes matching ready messages (at most {@code limit}); answers how many. */
    public int delete(String vhost, String queue, Set<Long> ids, String selector, int limit) {
        MessageQueue source = management.requireQueue(management.requireVhost(vhost), queue);
        List<QueueEntry> taken = BrokerManagement.await(source.takeMatching(filter(selector, null, ids),
                checkedLimit(limit), DEFAULT_SCAN_LIMIT));
        source.release(taken);
        return taken.size();
    }

    private static int checkedLimit(int limit) {
        if (limit < 1) {
            throw ManagementException.badRequest("limit must be at least 1");
        }
        return limit;
    }

    /** A new message with the same content (a new id: the copy is a message of its own in the store). */
    private Message copyOf(Message m) {
        return new Message(vhosts.nextMessageId(), m.exchange(), m.routingKey(), m.properties(), m.rawProperties(),
                m.body(), m.arrivedAt());
    }

    private static Predicate<Message> filter(String selector, String bodyContains, Set<Long> ids) {
        Predicate<Message> wanted = m -> true;
        if (selector != null && !selector.isBlank()) {
            Selector parsed;
            try {
                parsed = Selector.parse(selector);
            } catch (RuntimeException e) {
                throw ManagementException.badRequest("invalid selector: " + e.getMessage());
            }
            wanted = m -> MessageSelection.matches(parsed, m);
        }
        if (bodyContains != null && !bodyContains.isEmpty()) {
            byte[] needle = bodyContains.getBytes(StandardCharsets.UTF_8);
            wanted = wanted.and(m -> indexOf(m.body(), needle) >= 0);
        }
        if (ids != null && !ids.isEmpty()) {
            Set<Long> copy = Set.copyOf(ids);
            wanted = wanted.and(m -> copy.contains(m.id()));
        }
        return wanted;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static MessageView view(Message m, boolean redelivered, int deliveryCount, int remaining) {
        return new MessageView(m.id(), m.exchange(), m.routingKey(), MessageProperties.toMap(m.properties()), m.body(),
                redelivered, deliveryCount, remaining);
    }
}
