package org.ferrymq.examples.topics;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.Arrays;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.examples.BrokerAddress;

/**
 * Topics, the producer: the topic exchange {@code logs3} matches the routing key word by word
 * against the binding patterns. Arguments: [routing.key] [message].
 */
public final class EmitLogTopic {
    public static final String EXCHANGE_NAME = "logs3";

    private EmitLogTopic() {
    }

    public static void main(String[] argv) throws Exception {
        String routingKey = argv.length > 0 ? argv[0] : "europe.weather";
        String message = argv.length > 1
                ? String.join(" ", Arrays.copyOfRange(argv, 1, argv.length))
                : "info: Hello ERU!";
        try (Connection connection = BrokerAddress.fromEnvironment().connect();
             Channel channel = connection.createChannel()) {
            emit(channel, routingKey, message);
            System.out.println(" [x] Sent '" + routingKey + "':'" + message + "'");
        }
    }

    public static void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE_NAME, BuiltinExchangeType.TOPIC);
    }

    public static void emit(Channel channel, String routingKey, String message) throws IOException {
        declareExchange(channel);
        channel.basicPublish(EXCHANGE_NAME, routingKey, null, message.getBytes(UTF_8));
    }
}
