package org.ferrymq.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A queue longer than its memory window pages to disk and still delivers everything, in order. */
@Timeout(60)
class PagingIT {
    private static final int WINDOW = 100;

    @TempDir
    Path dataDir;

    private FerryBroker start() {
        return FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir)
                .configure(b -> b.queueMemoryWindow(WINDOW)).start();
    }

    private static Connection connect(FerryBroker broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        return factory.newConnection();
    }

    @Test
    void transientAndPersistentMessagesPageOutAndComeBackInOrder() throws Exception {
        int total = 2_000;
        try (FerryBroker broker = start(); Connection connection = connect(broker)) {
            Channel channel = connection.createChannel();
            channel.queueDeclare("long", true, false, false, null);
            channel.confirmSelect();
            for (int i = 0; i < total; i++) {
                AMQP.BasicProperties props = i % 2 == 0 ? MessageProperties.PERSISTENT_BASIC : MessageProperties.BASIC;
                channel.basicPublish("", "long", props, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);
            assertThat(channel.queueDeclarePassive("long").getMessageCount()).isEqualTo(total);
            List<String> seen = new ArrayList<>();
            GetResponse response;
            while ((response = channel.basicGet("long", true)) != null) {
                seen.add(new String(response.getBody(), StandardCharsets.UTF_8));
            }
            assertThat(seen).hasSize(total);
            for (int i = 0; i < total; i++) {
                assertThat(seen.get(i)).isEqualTo("m" + i);
            }
        }
    }

    @Test
    void pagedPersistentMessagesSurviveRestartAndPurgeEmptiesTheDiskTail() throws Exception {
        int total = 1_000;
        try (FerryBroker broker = start(); Connection connection = connect(broker)) {
            Channel channel = connection.createChannel();
            channel.queueDeclare("kept", true, false, false, null);
            channel.queueDeclare("purged", true, false, false, null);
            channel.confirmSelect();
            for (int i = 0; i < total; i++) {
                channel.basicPublish("", "kept", MessageProperties.PERSISTENT_BASIC, ("k" + i).getBytes(StandardCharsets.UTF_8));
                channel.basicPublish("", "purged", MessageProperties.PERSISTENT_BASIC, new byte[10]);
            }
            channel.waitForConfirmsOrDie(10_000);
            assertThat(channel.queuePurge("purged").getMessageCount()).isEqualTo(total);
        }
        try (FerryBroker broker = start(); Connection connection = connect(broker)) {
            Channel channel = connection.createChannel();
            assertThat(channel.queueDeclarePassive("purged").getMessageCount()).isZero();
            assertThat(channel.queueDeclarePassive("kept").getMessageCount()).isEqualTo(total);
            for (int i = 0; i < total; i++) {
                GetResponse response = channel.basicGet("kept", true);
                assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("k" + i);
                assertThat(response.getEnvelope().isRedeliver()).isTrue();
            }
        }
    }

    @Test
    void aTransientMessagePagedOutOfSeveralQueuesComesBackInEachOfThem() throws Exception {
        int total = 1_000;
        try (FerryBroker broker = start(); Connection connection = connect(broker)) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare("fan", "fanout");
            for (String q : new String[] {"f1", "f2", "f3"}) {
                channel.queueDeclare(q, false, false, false, null);
                channel.queueBind(q, "fan", "");
            }
            channel.confirmSelect();
            for (int i = 0; i < total; i++) {
                channel.basicPublish("fan", "", MessageProperties.BASIC, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);
            for (String q : new String[] {"f1", "f2", "f3"}) {
                for (int i = 0; i < total; i++) {
                    GetResponse response = channel.basicGet(q, true);
                    assertThat(response).as("message %d of %s", i, q).isNotNull();
                    assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("m" + i);
                }
            }
        }
    }
}
