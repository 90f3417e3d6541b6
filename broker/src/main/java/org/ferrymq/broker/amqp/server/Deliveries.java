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

    ChannelConsumer newConsumer(String tag, MessageQueue queue, boolean autoAck, boolean exclusive, Selector selector) {
        ChannelConsumer consumer = new ChannelConsumer(tag, queue, autoAck, exclusive, consumerPrefetch, selector, this);
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

    void wakeStarvedConsumers() {
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
        MessageCounters overall = channel.connection().overallCounters();
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
        for (Unacked u : deliveries) {
            if (u.consumer() != null) {
                u.consumer().releaseCredit();
            }
        }
        switch (outcome) {
            case REQUEUE -> byQueue(deliveries).forEach(MessageQueue::requeue);
            case DISCARD -> byQueue(deliveries).forEach(MessageQueue::reject);
            case ACK -> {
                for (Unacked u : deliveries) {
                    u.queue().acknowledged(u.entry());
                    u.queue().counters().increment(MessageCounters.Kind.ACK);
                }
                channel.connection().counters().add(MessageCounters.Kind.ACK, deliveries.size());
                channel.connection().overallCounters().add(MessageCounters.Kind.ACK, deliveries.size());
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

    /** The channel is closing: cancel every consumer at its queue and requeue every unacked delivery, in order. */
    void releaseAll() {
        for (ChannelConsumer consumer : consumers.values()) {
            consumer.cancel();
        }
        // requeue first: the queue then hands them, in order, to whichever consumer takes over
        recover();
        for (ChannelConsumer consumer : consumers.values()) {
            consumer.queue().removeConsumer(consumer);
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
