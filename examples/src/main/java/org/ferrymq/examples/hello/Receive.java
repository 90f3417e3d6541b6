package org.ferrymq.examples.hello;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/** Hello world, the consumer: prints what arrives on the queue {@code hello} (auto-ack). */
public final class Receive {

    private Receive() {
    }

    public static void main(String[] argv) throws Exception {
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        receive(channel, delivery ->
                System.out.println(" [x] Received '" + new String(delivery.getBody(), UTF_8) + "'"));
        // the connection's threads keep the program running until CTRL+C
        System.out.println(" [*] Waiting for messages. To exit press CTRL+C");
    }

    /** Declares the queue and starts consuming; returns once the broker confirmed the consumer. */
    public static String receive(Channel channel, Consumer<Delivery> onMessage) throws IOException {
        channel.queueDeclare(Send.QUEUE_NAME, false, false, false, null);
        return channel.basicConsume(Send.QUEUE_NAME, true,
                (consumerTag, delivery) -> onMessage.accept(delivery), consumerTag -> { });
    }
}
