package org.ferrymq.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Selectors evaluated in the broker: a consumer's x-selector argument filters what it is given. */
@Timeout(30)
class SelectorConsumeIT {
    @TempDir
    Path dataDir;
    private FerryBroker broker;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(broker.amqpPort());
        connection = factory.newConnection();
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        broker.close();
    }

    private static void publish(Channel channel, String queue, String color, int priority) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of("color", color)).priority(priority).build();
        channel.basicPublish("", queue, props, color.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> consume(Channel channel, String queue, String selector) throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        channel.basicConsume(queue, true, Map.of("x-selector", selector),
                (tag, d) -> got.add(new String(d.getBody(), StandardCharsets.UTF_8)), tag -> { });
        return got;
    }

    @Test
    void eachConsumerGetsOnlyWhatItsSelectorMatchesAndTheRestStaysQueued() throws Exception {
        Channel channel = connection.createChannel();
        channel.queueDeclare("paint", false, false, false, null);
        for (String color : new String[] {"red", "blue", "green", "red", "blue"}) {
            publish(channel, "paint", color, 4);
        }
        List<String> reds = consume(connection.createChannel(), "paint", "color = 'red'");
        List<String> blues = consume(connection.createChannel(), "paint", "color IN ('blue') AND JMSPriority = 4");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((reds.size() < 2 || blues.size() < 2) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reds).containsExactly("red", "red");
        assertThat(blues).containsExactly("blue", "blue");
        assertThat(channel.queueDeclarePassive("paint").getMessageCount()).isEqualTo(1); // green waits
        publish(channel, "paint", "red", 4);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reds.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reds).hasSize(3);
    }

    @Test
    void aSelectorThatDoesNotParseIsRefused() throws Exception {
        Channel channel = connection.createChannel();
        channel.queueDeclare("paint2", false, false, false, null);
        assertThatThrownBy(() -> channel.basicConsume("paint2", true, Map.of("x-selector", "color = "),
                (tag, d) -> { }, tag -> { }))
                .hasStackTraceContaining("PRECONDITION_FAILED - invalid selector");
    }

    /** Spec 3.8.1.1 via issue 14 item 25: [NOT] IN over a value that is not a String is UNKNOWN, like NULL. */
    @Test
    void inAndNotInSelectNoValueThatIsNotAString() throws Exception {
        Channel channel = connection.createChannel();
        channel.queueDeclare("typed", false, false, false, null);
        Object[] values = {"x", "y", 1, 1L, 2.5d, true, null};
        for (int i = 0; i < values.length; i++) {
            Map<String, Object> headers = new java.util.HashMap<>();
            if (values[i] != null) {
                headers.put("v", values[i]);
            }
            channel.basicPublish("", "typed", new AMQP.BasicProperties.Builder().headers(headers).build(),
                    ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        List<String> notIn = consume(connection.createChannel(), "typed", "v NOT IN ('x', '1', 'true')");
        List<String> in = consume(connection.createChannel(), "typed", "v IN ('x', '1', '2.5', 'true')");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((notIn.size() < 1 || in.size() < 1) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(200);   // nothing more may arrive
        assertThat(notIn).containsExactly("m1");
        assertThat(in).containsExactly("m0");
        // the number, the boolean, the double and the message without v stay queued for other consumers
        assertThat(channel.queueDeclarePassive("typed").getMessageCount()).isEqualTo(5);
    }
}
