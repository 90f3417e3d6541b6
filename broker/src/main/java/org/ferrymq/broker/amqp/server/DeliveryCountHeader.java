package org.ferrymq.broker.amqp.server;

import java.util.HashMap;
import java.util.Map;

import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.QueueEntry;

/**
 * The {@code x-delivery-count} header of a redelivery: how many times the queue handed the
 * message out before, as RabbitMQ's quorum queues report it (JMS maps it to JMSXDeliveryCount).
 * FerryMQ adds it on every queue type. The stored message never changes: a redelivery is sent
 * as a copy whose properties carry the header; a first delivery is sent as it is, with no copy.
 */
final class DeliveryCountHeader {
    static final String NAME = "x-delivery-count";

    private DeliveryCountHeader() {
    }

    /** The message to put on the wire for this delivery of {@code entry}. */
    static Message onWire(QueueEntry entry) {
        int earlier = entry.earlierDeliveries();
        Message message = entry.message();
        if (earlier <= 0) {
            return message; // the hot path: first deliveries go out untouched
        }
        Map<String, Object> headers = new HashMap<>(message.headers());
        headers.put(NAME, (long) earlier); // RabbitMQ sends a long
        return Message.of(message.id(), message.exchange(), message.routingKey(),
                message.properties().withHeaders(headers), message.body());
    }
}
