package org.ferrymq.examples.publishsubscribe;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.examples.BrokerAddress;

/** Publish/subscribe, the producer: the fanout exchange {@code logs} copies a message to every bound queue. */
public final class EmitLog {
    public static final String EXCHANGE_NAME = "logs";

    private EmitLog() {
    }

    public static void main(String[] argv) throws Exception {
        String message = argv.length > 0 ? String.join(" ", argv) : "info: Hello World!";
        try (Connection connection = BrokerAddress.fromEnvironment().connect();
             Channel channel = connection.createChannel()) {
            emit(channel, message);
            System.out.println(" [x] Sent '" + message + "'");
        }
    }

    public static void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE_NAME, BuiltinExchangeType.FANOUT);
    }

    public static void emit(Channel channel, String message) throws IOException {
        declareExchange(channel);
        channel.basicPublish(EXCHANGE_NAME, "", null, message.getBytes(UTF_8));
    }
}
