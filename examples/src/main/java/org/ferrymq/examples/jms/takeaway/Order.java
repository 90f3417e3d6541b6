package org.ferrymq.examples.jms.takeaway;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Topic;
import org.ferrymq.examples.takeaway.TakeawayTopology;

/**
 * An order as the restaurant and the riders see it. Its id is the AMQP {@code message-id}:
 * the {@code JMSMessageID} of a JMS order, the 8-digit {@code message_id} of a pika order.
 */
public record Order(String id, String city, String dish) {

    /** The order came from the exchange {@code orders} as {@code orders/order.created.<city>}. */
    public static Order from(Message message) throws JMSException {
        String topic = ((Topic) message.getJMSDestination()).getTopicName();
        return new Order(message.getJMSMessageID(), TakeawayTopology.cityOf(topic), message.getBody(String.class));
    }
}
