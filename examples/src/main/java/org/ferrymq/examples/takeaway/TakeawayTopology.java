package org.ferrymq.examples.takeaway;

import java.io.IOException;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

/**
 * The exchanges and queues of the takeaway (外卖) flow, declared identically by every program
 * (and by the Python scripts), since a redeclaration with other flags is refused.
 *
 * <pre>
 *  PlaceOrder ──order.created.&lt;city&gt;──▶ orders (topic) ──order.created.*──────▶ takeaway.restaurant ─▶ Restaurant ─┐
 *                                                  └──order.created.&lt;city&gt;──▶ takeaway.rider.&lt;city&gt; ─▶ Rider ──────┤
 *                                                                                                             ▼
 *                             Notifications (app, sms, ...) ◀── server-named queues ◀── notifications (fanout)
 * </pre>
 */
public final class TakeawayTopology {
    public static final String ORDERS_EXCHANGE = "orders";
    public static final String NOTIFICATIONS_EXCHANGE = "notifications";
    public static final String RESTAURANT_QUEUE = "takeaway.restaurant";

    private TakeawayTopology() {
    }

    public static String createdKey(String city) {
        return "order.created." + city;
    }

    /** The city is the last word of {@code order.created.<city>}. */
    public static String cityOf(String routingKey) {
        return routingKey.substring(routingKey.lastIndexOf('.') + 1);
    }

    public static String riderQueue(String city) {
        return "takeaway.rider." + city;
    }

    public static void declareOrders(Channel channel) throws IOException {
        channel.exchangeDeclare(ORDERS_EXCHANGE, BuiltinExchangeType.TOPIC, true);
    }

    public static void declareNotifications(Channel channel) throws IOException {
        channel.exchangeDeclare(NOTIFICATIONS_EXCHANGE, BuiltinExchangeType.FANOUT, true);
    }

    /** Every new order in every city waits on the restaurant's durable queue. */
    public static void declareRestaurantQueue(Channel channel) throws IOException {
        declareOrders(channel);
        channel.queueDeclare(RESTAURANT_QUEUE, true, false, false, null);
        channel.queueBind(RESTAURANT_QUEUE, ORDERS_EXCHANGE, "order.created.*");
    }

    /** The riders of a city see only that city's orders. */
    public static String declareRiderQueue(Channel channel, String city) throws IOException {
        declareOrders(channel);
        String queue = riderQueue(city);
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueBind(queue, ORDERS_EXCHANGE, createdKey(city));
        return queue;
    }
}
