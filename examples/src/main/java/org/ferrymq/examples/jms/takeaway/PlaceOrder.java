package org.ferrymq.examples.jms.takeaway;

import java.util.Arrays;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import org.ferrymq.examples.jms.JmsBroker;
import org.ferrymq.examples.takeaway.TakeawayTopology;

/**
 * Takeaway in JMS, the customer's app: publishes a persistent order to the JMS topic
 * {@code orders/order.created.<city>} (the topic exchange {@code orders} of the AMQP design), so
 * the Python, Java AMQP and JMS restaurants and riders all get it. The order id is the
 * {@code JMSMessageID}, which travels as the AMQP {@code message-id}. Arguments: [city] [dish].
 */
public final class PlaceOrder {

    private PlaceOrder() {
    }

    public static void main(String[] argv) throws Exception {
        String city = argv.length > 0 ? argv[0] : "beijing";
        String dish = argv.length > 1 ? String.join(" ", Arrays.copyOfRange(argv, 1, argv.length)) : "kung pao chicken";
        JmsBroker broker = JmsBroker.fromEnvironment();
        broker.declare(TakeawayTopology::declareOrders);
        try (JMSContext context = broker.connectionFactory().createContext()) {
            String orderId = place(context, city, dish);
            System.out.println(" [x] Placed order " + orderId + ": '" + dish + "' in " + city);
        }
    }

    /** Returns the new order's id, once the broker confirmed it has the order. */
    public static String place(JMSContext context, String city, String dish) {
        TextMessage order = context.createTextMessage(dish);
        context.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT) // an order must survive a broker restart
                .send(context.createTopic(topic(city)), order);
        try {
            return order.getJMSMessageID(); // set by send()
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** {@code orders/order.created.<city>}. */
    public static String topic(String city) {
        return TakeawayTopology.ORDERS_EXCHANGE + "/" + TakeawayTopology.createdKey(city);
    }
}
