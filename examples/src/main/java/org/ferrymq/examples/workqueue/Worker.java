package org.ferrymq.examples.workqueue;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/**
 * Work queue, the consumer: acks each task by hand once it is done and takes one task at a time
 * ({@code basicQos(1)}), so a fast worker gets more tasks than a slow one (fair dispatch).
 * Argument: seconds per task (default 1).
 */
public final class Worker {

    private Worker() {
    }

    public static void main(String[] argv) throws Exception {
        Duration perTask = Duration.ofMillis((long) (1000 * (argv.length > 0 ? Double.parseDouble(argv[0]) : 1.0)));
        Channel channel = BrokerAddress.fromEnvironment().connect().createChannel();
        work(channel, perTask, delivery -> System.out.println(" [x] Received '"
                + new String(delivery.getBody(), UTF_8) + "' (redelivered=" + delivery.getEnvelope().isRedeliver() + ")"));
        System.out.println(" [*] Waiting for messages. To exit press CTRL+C");
    }

    /**
     * Starts working on the task queue: each task is handed to {@code onTask}, then "worked on"
     * for {@code perTask}, then acked. Returns once the broker confirmed the consumer.
     */
    public static String work(Channel channel, Duration perTask, Consumer<Delivery> onTask) throws IOException {
        NewTask.declareQueue(channel);
        channel.basicQos(1); // no new task before the previous one is acked
        return channel.basicConsume(NewTask.QUEUE_NAME, false, (consumerTag, delivery) -> {
            onTask.accept(delivery);
            pretendToWork(perTask);
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, consumerTag -> { });
    }

    static void pretendToWork(Duration perTask) {
        try {
            Thread.sleep(perTask.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
