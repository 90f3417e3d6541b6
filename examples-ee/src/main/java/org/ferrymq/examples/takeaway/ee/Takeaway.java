package org.ferrymq.examples.takeaway.ee;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Topic;

/**
 * Where the takeaway (外卖) flow's messages go, in FerryMQ's JMS naming scheme. The exchanges are
 * the broker's standard ones, which always exist, so the application needs no AMQP declarations:
 * <pre>
 *  OrderServlet / pika ──order.created.&lt;city&gt;──▶ amq.topic ──▶ RestaurantMdb (shared durable subscription "takeaway-restaurant")
 *                                                            └──▶ RiderMdb      (shared durable subscription "takeaway-riders")
 *  RestaurantMdb, RiderMdb ── "order &lt;id&gt;: ..." ──▶ amq.fanout ──▶ every watcher (takeaway_ee.py watch)
 * </pre>
 */
public final class Takeaway {
    /** The pooled factory of the FerryMQ resource adapter (see resource-adapter/README.md). */
    public static final String CONNECTION_FACTORY = "java:/jms/ferrymq/CF";
    /** The order's id travels in this property (a pika order sets {@code message_id} instead). */
    public static final String ORDER_ID = "orderId";
    public static final String NOTIFICATIONS = "amq.fanout/";

    private Takeaway() {
    }

    /** {@code order.created.<city>} on amq.topic. */
    public static String orderTopic(String city) {
        return "order.created." + city;
    }

    /** The order id of a received order: our property, else the AMQP message-id a pika program set. */
    public static String orderId(Message order) throws JMSException {
        return order.propertyExists(ORDER_ID) ? order.getStringProperty(ORDER_ID) : order.getJMSMessageID();
    }

    /** The city is the last word of the routing key {@code order.created.<city>}. */
    public static String city(Message order) throws JMSException {
        String name = ((Topic) order.getJMSDestination()).getTopicName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
