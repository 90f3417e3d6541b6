package org.ferrymq.broker.amqp.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.ferrymq.broker.amqp.codec.AmqpBasicCancel;
import org.ferrymq.broker.amqp.codec.AmqpBasicDeliver;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.management.MessageCounters;
import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.QueueEntry;
import org.ferrymq.selector.Selector;

/**
 * A channel's consumers and its unacknowledged deliveries: delivery tags, acks, rejects,
 * requeues, and the prefetch credit that ties them together.
 *
 * <p>Threading: owned by the channel's event loop; queue executors reach it only through
 * {@link #submit} (via the connection's outbox) and the atomic credit in {@link ChannelConsumer}.
 */
final class Deliveries {
    private final AmqpChannel channel;
    private final Map<String, ChannelConsumer> consumers = new LinkedHashMap<>();
    private final NavigableMap<Long, Unacked> unacked = new TreeMap<>();
    private final ChannelPrefetch channelPrefetch = new ChannelPrefetch();
    private long nextDeliveryTag = 1;
    private int consumerPrefetch;
    /** The channel's direct reply-to consumer, or null (at most one per channel, as in RabbitMQ). */
    private DirectReplyTo.Consumer replyConsumer;
    /** Who is woken first when channel-wide credit frees up; turns round for fairness. */
    private int wakeTurn;

    Deliveries(AmqpChannel channel) {
        this.channel = channel;
    }

    int consumerPrefetch() {
        return consumerPrefetch;
    }

    int consumerCount() {
        return consumers.size();
    }

    int unackedCount() {
        return unacked.size();
    }

    /** This channel's consumers for the management API (event loop). */
    java.util.List<org.ferrymq.broker.management.ConsumerView> consumerViews(String channelName, String connectionName,
                                                                             String vhost) {
        java.util.List<org.ferrymq.broker.management.ConsumerView> views = new java.util.ArrayList<>(consumers.size());
        for (ChannelConsumer c : consumers.values()) {
            views.add(new org.ferrymq.broker.management.ConsumerView(c.tag(), vhost, c.queue().name(), channelName,
                    connectionName, !c.autoAck(), c.exclusive(), c.prefetch(), c.unackedCount(), c.managementArguments()));
        }
        return views;
    }

    ChannelPrefetch channelPrefetch() {
        return channelPrefetch;
    }

    /** basic.qos: global=true limits the channel, global=false each consumer created from now on. */
    void qos(int prefetchCount, boolean global) {
        if (global) {
            channelPrefetch.limit(prefetchCount);
            wakeStarvedConsumers();
        } else {
            consumerPrefetch = prefetchCount;
        }
    }

    boolean acceptingDeliveries() {
        return channel.connection().deliveriesWelcome();
    }

    void submit(Runnable task) {
        channel.connection().outbox().submit(task);
    }

    // ---- consumers -------------------------------------------------------------------------

    boolean hasConsumer(String tag) {
        return consumers.containsKey(tag);
    }

    ChannelConsumer newConsumer(String tag, MessageQueue queue, boolean autoAck, boolean exclusive, int priority,
                                Selector selector) {
        ChannelConsumer consumer = new ChannelConsumer(tag, queue, autoAck, exclusive, consumerPrefetch, priority,
                selector, this);
        consumers.put(tag, consumer);
        return consumer;
    }

    /** Forgets a consumer locally (basic.cancel, or a failed consume); the queue is told separately. */
    ChannelConsumer removeConsumer(String tag) {
        ChannelConsumer consumer = consumers.remove(tag);
        if (consumer != null) {
            consumer.cancel();
        }
        return consumer;
    }

    /** The consumer's queue was deleted: forget it and, if the client wants to know, say so. */
    void consumerQueueDeleted(ChannelConsumer consumer) {
        if (consumers.remove(consumer.tag(), consumer) && channel.isOpen() && channel.connection().consumerCancelNotify()) {
            channel.send(new AmqpBasicCancel(consumer.tag(), true));
        }
    }

    // ---- direct reply-to ---------------------------------------------------------------------

    DirectReplyTo.Consumer replyConsumer() {
        return replyConsumer;
    }

    /** basic.consume from the pseudo-queue: no-ack only, one per channel (406 otherwise, RabbitMQ's texts). */
    void consumeReplies(String tag, boolean noAck) {
        if (!noAck) {
            throw AmqpException.preconditionFailed("reply consumer cannot acknowledge");
        }
        if (replyConsumer != null) {
            throw AmqpException.preconditionFailed("reply consumer already set");
        }
        replyConsumer = channel.connection().directReplyTo().register(tag, this);
    }

    /** basic.cancel of the reply consumer's tag: true if it was that one (it is gone now). */
    boolean cancelReplies(String tag) {
        if (replyConsumer == null || !replyConsumer.tag().equals(tag)) {
            return false;
        }
        channel.connection().directReplyTo().unregister(replyConsumer);
        replyConsumer = null;
        return true;
    }

    /** A reply published to this channel's reply address (event loop); dropped if that consumer is gone. */
    void deliverReply(DirectReplyTo.Consumer to, Message message) {
        if (!channel.isOpen() || replyConsumer != to) {
            return;
        }
        channel.output().methodWithContent(channel.number(),
                new AmqpBasicDeliver(to.tag(), nextDeliveryTag++, false, message.exchange(), message.routingKey()),
                message);
    }

    /**
     * Asks the queues of consumers that ran out of credit to try again. Under a channel-wide
     * limit the consumers compete for the freed credit, so they take turns: the next starved
     * consumer after the one served last is woken first, and the others only once its queue
     * has had its try (the credit is then theirs only if it did not want it). So a consumer of
     * one queue cannot starve a consumer of another (RabbitMQ 3.10 wakes its queues in random
     * order for the same reason).
     */
    void wakeStarvedConsumers() {
        if (!channelPrefetch.limited() || consumers.size() < 2) {
            wakeAllStarved();
            return;
        }
        ChannelConsumer[] inOrder = consumers.values().toArray(new ChannelConsumer[0]);
        int n = inOrder.length;
        for (int i = 0; i < n; i++) {
            int index = Math.floorMod(wakeTurn + i, n);
            ChannelConsumer consumer = inOrder[index];
            if (consumer.starved()) {
                wakeTurn = index + 1;
                consumer.wakeFirst(() -> submit(this::wakeAllStarved));
                return;
            }
        }
    }

    private void wakeAllStarved() {
        for (ChannelConsumer consumer : consumers.values()) {
            consumer.wakeIfStarved();
        }
    }

    // ---- sending ---------------------------------------------------------------------------

    /** Sends one delivery that a queue handed over (event loop). */
    void deliver(ChannelConsumer consumer, MessageQueue queue, QueueEntry entry) {
        if (!channel.isOpen() || consumer.cancelled()) {
            // cancelled or closed while the message was on its way: it goes back to the queue
            consumer.releaseCredit();
            queue.requeue(List.of(entry));
            return;
        }
        long tag = nextDeliveryTag++;
        countDelivery(queue, entry);
        if (consumer.autoAck()) {
            queue.acknowledged(entry); // sent is done: a persistent message leaves the store
        } else {
            unacked.put(tag, new Unacked(tag, consumer, queue, entry));
        }
        Message message = DeliveryCountHeader.onWire(entry);
        channel.output().methodWithContent(channel.number(),
                new AmqpBasicDeliver(consumer.tag(), tag, entry.redelivered(), message.exchange(), message.routingKey()),
                message);
    }

    /** Rates: a delivery (or get) from {@code queue}, and whether it is a redelivery. */
    private void countDelivery(MessageQueue queue, QueueEntry entry) {
        if (!channel.connection().countsMessages()) {
            return;   // rates_mode none: the message path counts nothing
        }
        MessageCounters overall = channel.connection().vhostCounters();
        MessageCounters ofConnection = channel.connection().counters();
        queue.counters().increment(MessageCounters.Kind.DELIVER_GET);
        ofConnection.increment(MessageCounters.Kind.DELIVER_GET);
        overall.increment(MessageCounters.Kind.DELIVER_GET);
        if (entry.redelivered()) {
            queue.counters().increment(MessageCounters.Kind.REDELIVER);
            ofConnection.increment(MessageCounters.Kind.REDELIVER);
            overall.increment(MessageCounters.Kind.REDELIVER);
        }
    }

    /** A delivery tag for a copy nobody acknowledges (a browse); tags stay one sequence per channel. */
    long untrackedTag() {
        return nextDeliveryTag++;
    }

    /** Registers a basic.get result and returns its delivery tag. */
    long recordGet(MessageQueue queue, QueueEntry entry, boolean noAck) {
        long tag = nextDeliveryTag++;
        countDelivery(queue, entry);
        if (noAck) {
            queue.acknowledged(entry);
        } else {
            unacked.put(tag, new Unacked(tag, null, queue, entry));
        }
        return tag;
    }

    // ---- acks ------------------------------------------------------------------------------

    /**
     * Takes the deliveries an ack/nack/reject names out of the unacked set: one tag, or with
     * {@code multiple} every tag up to it (0 = all). An unknown tag is a PRECONDITION_FAILED.
     */
    List<Unacked> take(long deliveryTag, boolean multiple) {
        if (multiple) {
            NavigableMap<Long, Unacked> upTo = deliveryTag == 0 ? unacked : unacked.headMap(deliveryTag, true);
            if (upTo.isEmpty() && deliveryTag != 0) {
                throw AmqpException.preconditionFailed("unknown delivery tag " + deliveryTag);
            }
            List<Unacked> taken = new ArrayList<>(upTo.values());
            upTo.clear();
            return taken;
        }
        Unacked one = unacked.remove(deliveryTag);
        if (one == null) {
            throw AmqpException.preconditionFailed("unknown delivery tag " + deliveryTag);
        }
        return List.of(one);
    }

    /**
     * Deliveries acked inside an XA branch leave the channel for the branch: their consumers'
     * credit is free again, while the branch holds the messages until its outcome.
     */
    void handOver(List<Unacked> deliveries) {
        for (Unacked u : deliveries) {
            if (u.consumer() != null) {
                u.consumer().releaseCredit();
            }
        }
        wakeStarvedConsumers();
    }

    /** Puts deliveries taken by an ack inside a transaction back (tx.rollback). */
    void restore(Collection<Unacked> deliveries) {
        for (Unacked u : deliveries) {
            unacked.put(u.deliveryTag(), u);
        }
    }

    /** Completes deliveries: acked ones are done; rejected ones are requeued, or dropped (dead-lettered). */
    void settle(List<Unacked> deliveries, Settlement outcome) {
        if (deliveries.isEmpty()) {
            return;
        }
        // indexed loops: an ack per message would otherwise cost two iterators (lists from take())
        int n = deliveries.size();
        for (int i = 0; i < n; i++) {
            Unacked u = deliveries.get(i);
            if (u.consumer() != null) {
                u.consumer().releaseCredit();
            }
        }
        switch (outcome) {
            case REQUEUE -> byQueue(deliveries).forEach(MessageQueue::requeue);
            case DISCARD -> byQueue(deliveries).forEach(MessageQueue::reject);
            case ACK -> {
                boolean counting = channel.connection().countsMessages();
                for (int i = 0; i < n; i++) {
                    Unacked u = deliveries.get(i);
                    u.queue().acknowledged(u.entry());
                    if (counting) {
                        u.queue().counters().increment(MessageCounters.Kind.ACK);
                    }
                }
                if (counting) {
                    channel.connection().counters().add(MessageCounters.Kind.ACK, deliveries.size());
                    channel.connection().vhostCounters().add(MessageCounters.Kind.ACK, deliveries.size());
                }
            }
        }
        wakeStarvedConsumers();
    }

    /** basic.recover: every unacked delivery goes back to its queue. */
    void recover() {
        List<Unacked> all = new ArrayList<>(unacked.values());
        unacked.clear();
        settle(all, Settlement.REQUEUE);
    }

    /**
     * The channel is closing: cancel every consumer at its queue and requeue every unacked
     * delivery, in order. A queue may have handed a consumer messages that are still on their
     * way to this event loop ({@link #deliver} requeues those); the consumer leaves its queue
     * only after them, so a single-active-consumer standby (or anyone) that takes over sees the
     * dead consumer's messages first, in their original order, as with RabbitMQ.
     */
    void releaseAll() {
        if (replyConsumer != null) {
            cancelReplies(replyConsumer.tag());
        }
        for (ChannelConsumer consumer : consumers.values()) {
            consumer.cancel();   // from here on its queue hands it nothing new
        }
        recover();
        for (ChannelConsumer consumer : consumers.values()) {
            // queue executor first (every hand-over made before the cancel is then submitted to us),
            // then this event loop (behind those hand-overs, which requeue), then the removal
            MessageQueue queue = consumer.queue();
            queue.dispatch(() -> submit(() -> queue.removeConsumer(consumer)));
        }
        consumers.clear();
    }

    private static Map<MessageQueue, List<QueueEntry>> byQueue(List<Unacked> deliveries) {
        Map<MessageQueue, List<QueueEntry>> byQueue = new LinkedHashMap<>();
        for (Unacked u : deliveries) {
            byQueue.computeIfAbsent(u.queue(), q -> new ArrayList<>()).add(u.entry());
        }
        return byQueue;
    }
}
