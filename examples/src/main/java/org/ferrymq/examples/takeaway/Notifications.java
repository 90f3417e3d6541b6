package org.ferrymq.examples.takeaway;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/**
 * Takeaway, a notification channel (the customer's app, SMS, ...): its own server-named
 * exclusive queue bound to the fanout {@code notifications} gets every status update.
 * Argument: [name].
 */
public final class Notifications {

    private Notifications() {
    }

    public static void main(String[] argv) throws Exception {
        String name = argv.length > 0 ? argv[0] : "app";
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        listen(channel, notice -> System.out.println(" [x] " + name + ": '" + new String(notice.getBody(), UTF_8) + "'"));
        System.out.println(" [*] " + name + " waiting for notifications. To exit press CTRL+C");
    }

    /** Returns the name of the server-named queue. */
    public static String listen(Channel channel, Consumer<Delivery> onNotice) throws IOException {
        TakeawayTopology.declareNotifications(channel);
        String queueName = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queueName, TakeawayTopology.NOTIFICATIONS_EXCHANGE, "");
        channel.basicConsume(queueName, true, (consumerTag, notice) -> onNotice.accept(notice), consumerTag -> { });
        return queueName;
    }
}
