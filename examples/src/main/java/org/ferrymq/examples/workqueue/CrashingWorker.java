package org.ferrymq.examples.workqueue;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.BrokerAddress;

/**
 * Work queue, a worker that dies before it acks: the broker puts the task back on the queue and
 * delivers it again, flagged redelivered, to the next worker.
 */
public final class CrashingWorker {

    private CrashingWorker() {
    }

    public static void main(String[] argv) throws Exception {
        Connection connection = BrokerAddress.fromEnvironment().connect();
        System.out.println(" [*] Waiting for messages. To exit press CTRL+C");
        Delivery task = takeOneTaskAndDie(connection, Duration.ofDays(1));
        System.out.println(" [x] Received '" + new String(task.getBody(), UTF_8) + "'");
        System.out.println(" [!] Crashed before the ack");
        System.exit(1);
    }

    /**
     * Takes one task without acking it, then drops the connection the way a killed process
     * would (no channel.close, no ack). Returns the task it took.
     */
    public static Delivery takeOneTaskAndDie(Connection connection, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Channel channel = connection.createChannel();
        NewTask.declareQueue(channel);
        channel.basicQos(1);
        CompletableFuture<Delivery> taken = new CompletableFuture<>();
        channel.basicConsume(NewTask.QUEUE_NAME, false, (consumerTag, delivery) -> taken.complete(delivery),
                consumerTag -> { });
        try {
            return taken.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            connection.abort();
        }
    }
}
