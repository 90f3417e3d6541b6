package org.ferrymq.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A durable queue with a persistent and a transient message survives a clean restart with only the persistent one. */
@Timeout(60)
class RestartSmokeIT {
    @TempDir
    Path dataDir;

    private Connection connect(FerryBroker broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        return factory.newConnection();
    }

    @Test
    void persistentMessageInDurableQueueSurvivesRestart() throws Exception {
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
             Connection connection = connect(broker)) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare("orders", "topic", true);
            channel.queueDeclare("restaurant", true, false, false, null);
            channel.queueBind("restaurant", "orders", "order.#");
            channel.confirmSelect();
            channel.basicPublish("orders", "order.created", MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "kept".getBytes(StandardCharsets.UTF_8));
            channel.basicPublish("orders", "order.created", new AMQP.BasicProperties(),
                    "lost".getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        }
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
             Connection connection = connect(broker)) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclarePassive("orders");
            assertThat(channel.queueDeclarePassive("restaurant").getMessageCount()).isEqualTo(1);
            GetResponse response = channel.basicGet("restaurant", true);
            assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("kept");
            assertThat(response.getEnvelope().isRedeliver()).isTrue();
            // the binding came back too
            channel.basicPublish("orders", "order.paid", MessageProperties.PERSISTENT_TEXT_PLAIN, new byte[0]);
            Thread.sleep(200);
            assertThat(channel.queueDeclarePassive("restaurant").getMessageCount()).isEqualTo(1);
        }
    }
}
