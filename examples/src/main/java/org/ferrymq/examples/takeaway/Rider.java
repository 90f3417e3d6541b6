package org.ferrymq.examples.takeaway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/**
 * Takeaway, the riders of one city: take that city's orders from their durable queue, announce
 * on {@code notifications} that a rider is on the way, then ack. Argument: [city].
 */
public final class Rider {

    private Rider() {
    }

    public static void main(String[] argv) throws Exception {
        String city = argv.length > 0 ? argv[0] : "beijing";
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        deliver(channel, city, order -> System.out.println(" [x] Order " + order.getProperties().getMessageId()
                + ": picking up '" + new String(order.getBody(), UTF_8) + "' in " + city));
        System.out.println(" [*] Waiting for orders in " + city + ". To exit press CTRL+C");
    }

    public static String deliver(Channel channel, String city, Consumer<Delivery> onOrder) throws IOException {
        TakeawayTopology.declareNotifications(channel);
        String queue = TakeawayTopology.declareRiderQueue(channel, city);
        channel.basicQos(1);
        return channel.basicConsume(queue, false, (consumerTag, order) -> {
            onOrder.accept(order);
            String notice = "order " + order.getProperties().getMessageId() + ": a rider is on the way";
            channel.basicPublish(TakeawayTopology.NOTIFICATIONS_EXCHANGE, "", null, notice.getBytes(UTF_8));
            channel.basicAck(order.getEnvelope().getDeliveryTag(), false);
        }, consumerTag -> { });
    }
}
