package org.ferrymq.examples.routing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/** Routing, a subscriber: binds its queue to {@code logs2} once per severity given as argument. */
public final class ReceiveLogsDirect {

    private ReceiveLogsDirect() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length < 1) {
            System.err.println("Usage: ReceiveLogsDirect [info] [warning] [error]");
            System.exit(1);
        }
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        subscribe(channel, List.of(argv), delivery -> System.out.println(" [x] '"
                + delivery.getEnvelope().getRoutingKey() + "':'" + new String(delivery.getBody(), UTF_8) + "'"));
        System.out.println(" [*] Waiting for logs. To exit press CTRL+C");
    }

    /** Declares a server-named exclusive queue, binds it once per severity and consumes; returns its name. */
    public static String subscribe(Channel channel, List<String> severities, Consumer<Delivery> onLog)
            throws IOException {
        EmitLogDirect.declareExchange(channel);
        String queueName = channel.queueDeclare("", false, true, true, null).getQueue();
        for (String severity : severities) {
            channel.queueBind(queueName, EmitLogDirect.EXCHANGE_NAME, severity);
        }
        channel.basicConsume(queueName, true, (consumerTag, delivery) -> onLog.accept(delivery), consumerTag -> { });
        return queueName;
    }
}
