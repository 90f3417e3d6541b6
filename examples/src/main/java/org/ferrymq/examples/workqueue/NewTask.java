package org.ferrymq.examples.workqueue;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;
import org.ferrymq.examples.BrokerAddress;

/**
 * Work queue, the producer: every argument becomes one task on the durable queue {@code hello2},
 * published as a persistent message (delivery mode 2).
 */
public final class NewTask {
    public static final String QUEUE_NAME = "hello2";

    private NewTask() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> messages = argv.length > 0 ? List.of(argv) : List.of("Hello World!");
        try (Connection connection = BrokerAddress.fromEnvironment().connect();
             Channel channel = connection.createChannel()) {
            for (String message : messages) {
                publish(channel, message);
                System.out.println(" [x] Sent '" + message + "'");
            }
        }
    }

    /** Declares the durable task queue; every worker declares it the same way. */
    public static void declareQueue(Channel channel) throws IOException {
        channel.queueDeclare(QUEUE_NAME, true, false, false, null);
    }

    public static void publish(Channel channel, String message) throws IOException {
        declareQueue(channel);
        channel.basicPublish("", QUEUE_NAME, MessageProperties.PERSISTENT_TEXT_PLAIN, message.getBytes(UTF_8));
    }
}
