package org.ferrymq.examples.routing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.Arrays;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.examples.BrokerAddress;

/**
 * Routing, the producer: the direct exchange {@code logs2} delivers to the queues bound with
 * exactly this key. Arguments: [info|warning|error] [message].
 */
public final class EmitLogDirect {
    public static final String EXCHANGE_NAME = "logs2";

    private EmitLogDirect() {
    }

    public static void main(String[] argv) throws Exception {
        String severity = argv.length > 0 ? argv[0] : "info";
        String message = argv.length > 1
                ? String.join(" ", Arrays.copyOfRange(argv, 1, argv.length))
                : severity + ": Hello Yuan!";
        try (Connection connection = BrokerAddress.fromEnvironment().connect();
             Channel channel = connection.createChannel()) {
            emit(channel, severity, message);
            System.out.println(" [x] Sent '" + severity + "':'" + message + "'");
        }
    }

    public static void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE_NAME, BuiltinExchangeType.DIRECT);
    }

    public static void emit(Channel channel, String severity, String message) throws IOException {
        declareExchange(channel);
        channel.basicPublish(EXCHANGE_NAME, severity, null, message.getBytes(UTF_8));
    }
}
