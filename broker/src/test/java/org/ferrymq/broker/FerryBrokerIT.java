package org.ferrymq.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API: start on an ephemeral port, serve a real client, stop cleanly. */
@Timeout(30)
class FerryBrokerIT {
    @TempDir
    Path dataDir;

    @Test
    void startsOnEphemeralPortAndServesTheRabbitMqClient() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start()) {
            assertThat(broker.amqpPort()).isPositive();
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(broker.amqpPort());
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                channel.queueDeclare("hello", false, false, false, null);
                channel.basicPublish("", "hello", null, "Hello World!".getBytes(StandardCharsets.UTF_8));
                BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
                channel.basicConsume("hello", true, (tag, delivery) ->
                        received.add(new String(delivery.getBody(), StandardCharsets.UTF_8)), tag -> { });
                assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("Hello World!");
            }
        }
    }

    @Test
    void getAndAckRoundTrip() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(broker.amqpPort());
            factory.setHost("127.0.0.1");
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                String queue = channel.queueDeclare().getQueue();
                assertThat(queue).startsWith("amq.gen-");
                channel.confirmSelect();
                for (int i = 0; i < 3; i++) {
                    channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
                }
                channel.waitForConfirmsOrDie(5000);
                assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(3);
                GetResponse first = channel.basicGet(queue, false);
                assertThat(new String(first.getBody(), StandardCharsets.UTF_8)).isEqualTo("m0");
                assertThat(first.getMessageCount()).isEqualTo(2);
                channel.basicAck(first.getEnvelope().getDeliveryTag(), false);
            }
        }
    }
}
