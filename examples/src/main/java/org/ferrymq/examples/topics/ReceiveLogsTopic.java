package org.ferrymq.examples.topics;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/**
 * Topics, a subscriber: binds its queue to {@code logs3} with each pattern given as argument
 * ({@code *} is exactly one word, {@code #} zero or more words); the default is {@code #.news}.
 */
public final class ReceiveLogsTopic {

    private ReceiveLogsTopic() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> bindingKeys = argv.length > 0 ? List.of(argv) : List.of("#.news");
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        subscribe(channel, bindingKeys, delivery -> System.out.println(" [x] '"
                + delivery.getEnvelope().getRoutingKey() + "':'" + new String(delivery.getBody(), UTF_8) + "'"));
        System.out.println(" [*] Waiting for logs. To exit press CTRL+C");
    }

    /** Declares a server-named exclusive queue, binds it once per pattern and consumes; returns its name. */
    public static String subscribe(Channel channel, List<String> bindingKeys, Consumer<Delivery> onLog)
            throws IOException {
        EmitLogTopic.declareExchange(channel);
        String queueName = channel.queueDeclare("", false, true, true, null).getQueue();
        for (String bindingKey : bindingKeys) {
            channel.queueBind(queueName, EmitLogTopic.EXCHANGE_NAME, bindingKey);
        }
        channel.basicConsume(queueName, true, (consumerTag, delivery) -> onLog.accept(delivery), consumerTag -> { });
        return queueName;
    }
}
