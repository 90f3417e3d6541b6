package org.ferrymq.examples.hello;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.examples.BrokerAddress;

/** Hello world, the producer: puts one message on the queue {@code hello}. */
public final class Send {
    public static final String QUEUE_NAME = "hello";

    private Send() {
    }

    public static void main(String[] argv) throws Exception {
        try (Connection connection = BrokerAddress.fromEnvironment().connect();
             Channel channel = connection.createChannel()) {
            send(channel, "Hello World!");
            System.out.println(" [x] Sent 'Hello World!'");
        }
    }

    public static void send(Channel channel, String message) throws IOException {
        channel.queueDeclare(QUEUE_NAME, false, false, false, null);
        channel.basicPublish("", QUEUE_NAME, null, message.getBytes(UTF_8));
    }
}
