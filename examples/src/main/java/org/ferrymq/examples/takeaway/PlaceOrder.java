package org.ferrymq.examples.takeaway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.examples.BrokerAddress;

/**
 * Takeaway, the customer's app: publishes a persistent order to {@code orders} with the routing
 * key {@code order.created.<city>}; the order id travels as the message id.
 * Arguments: [city] [dish].
 */
public final class PlaceOrder {

    private PlaceOrder() {
    }

    public static void main(String[] argv) throws Exception {
        String city = argv.length > 0 ? argv[0] : "beijing";
        String dish = argv.length > 1 ? String.join(" ", Arrays.copyOfRange(argv, 1, argv.length)) : "kung pao chicken";
        try (Connection connection = BrokerAddress.fromEnvironment().connect();
             Channel channel = connection.createChannel()) {
            String orderId = place(channel, city, dish);
            System.out.println(" [x] Placed order " + orderId + ": '" + dish + "' in " + city);
        }
    }

    /** Returns the new order's id. */
    public static String place(Channel channel, String city, String dish) throws IOException {
        TakeawayTopology.declareOrders(channel);
        String orderId = UUID.randomUUID().toString().substring(0, 8);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(orderId)
                .deliveryMode(2) // an order must survive a broker restart
                .build();
        channel.basicPublish(TakeawayTopology.ORDERS_EXCHANGE, TakeawayTopology.createdKey(city), properties,
                dish.getBytes(UTF_8));
        return orderId;
    }
}
