package org.ferrymq.broker.amqp.server;

import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.QueueEntry;

/** A delivery waiting for its ack: which consumer had it (null for basic.get) and where it came from. */
record Unacked(long deliveryTag, ChannelConsumer consumer, MessageQueue queue, QueueEntry entry) {
}
