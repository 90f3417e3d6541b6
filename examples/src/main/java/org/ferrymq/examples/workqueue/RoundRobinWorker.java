package org.ferrymq.examples.workqueue;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/**
 * Work queue without {@code basicQos}: the broker deals the tasks out in turn (round-robin), one
 * for you, one for me, however busy each worker is. Argument: seconds per task (default 1).
 */
public final class RoundRobinWorker {

    private RoundRobinWorker() {
    }

    public static void main(String[] argv) throws Exception {
        Duration perTask = Duration.ofMillis((long) (1000 * (argv.length > 0 ? Double.parseDouble(argv[0]) : 1.0)));
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        work(channel, perTask, delivery ->
                System.out.println(" [x] Received '" + new String(delivery.getBody(), UTF_8) + "'"));
        System.out.println(" [*] Waiting for messages. To exit press CTRL+C");
    }

    /** Like {@link Worker#work} but without a prefetch limit. */
    public static String work(Channel channel, Duration perTask, Consumer<Delivery> onTask) throws IOException {
        NewTask.declareQueue(channel);
        return channel.basicConsume(NewTask.QUEUE_NAME, false, (consumerTag, delivery) -> {
            onTask.accept(delivery);
            Worker.pretendToWork(perTask);
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, consumerTag -> { });
    }
}
