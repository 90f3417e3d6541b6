package org.ferrymq.examples.publishsubscribe;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/** Publish/subscribe, a subscriber: its own server-named exclusive queue bound to {@code logs}. */
public final class ReceiveLogs {

    private ReceiveLogs() {
    }

    public static void main(String[] argv) throws Exception {
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        subscribe(channel, delivery -> System.out.println(" [x] '" + new String(delivery.getBody(), UTF_8) + "'"));
        System.out.println(" [*] Waiting for logs. To exit press CTRL+C");
    }

    /** Declares a server-named exclusive queue, binds it and consumes; returns the queue's name. */
    public static String subscribe(Channel channel, Consumer<Delivery> onLog) throws IOException {
        EmitLog.declareExchange(channel);
        String queueName = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queueName, EmitLog.EXCHANGE_NAME, "");
        channel.basicConsume(queueName, true, (consumerTag, delivery) -> onLog.accept(delivery), consumerTag -> { });
        return queueName;
    }
}
