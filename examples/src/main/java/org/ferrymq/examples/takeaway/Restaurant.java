package org.ferrymq.examples.takeaway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/**
 * Takeaway, the restaurant: takes the orders of every city from its durable queue one at a time,
 * announces on {@code notifications} that it accepted each, then acks it.
 */
public final class Restaurant {

    private Restaurant() {
    }

    public static void main(String[] argv) throws Exception {
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        cook(channel, order -> System.out.println(" [x] Order " + order.getProperties().getMessageId()
                + ": cooking '" + new String(order.getBody(), UTF_8) + "' for "
                + TakeawayTopology.cityOf(order.getEnvelope().getRoutingKey())));
        System.out.println(" [*] Waiting for orders. To exit press CTRL+C");
    }

    public static String cook(Channel channel, Consumer<Delivery> onOrder) throws IOException {
        TakeawayTopology.declareNotifications(channel);
        TakeawayTopology.declareRestaurantQueue(channel);
        channel.basicQos(1);
        return channel.basicConsume(TakeawayTopology.RESTAURANT_QUEUE, false, (consumerTag, order) -> {
            onOrder.accept(order);
            String notice = "order " + order.getProperties().getMessageId() + ": accepted by the restaurant";
            channel.basicPublish(TakeawayTopology.NOTIFICATIONS_EXCHANGE, "", null, notice.getBytes(UTF_8));
            channel.basicAck(order.getEnvelope().getDeliveryTag(), false);
        }, consumerTag -> { });
    }
}
