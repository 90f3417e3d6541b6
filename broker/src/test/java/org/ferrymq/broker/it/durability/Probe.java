package org.ferrymq.broker.it.durability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Small questions a restart test asks the broker: does this queue or exchange exist, what is in
 * this queue. Each question that may close a channel uses a channel of its own.
 */
final class Probe {
    static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
    static final AMQP.BasicProperties TRANSIENT = new AMQP.BasicProperties.Builder().deliveryMode(1).build();

    private Probe() {
    }

    static boolean queueExists(Connection connection, String queue) throws IOException {
        return answers(connection, ch -> ch.queueDeclarePassive(queue));
    }

    static boolean exchangeExists(Connection connection, String exchange) throws IOException {
        return answers(connection, ch -> ch.exchangeDeclarePassive(exchange));
    }

    /** Message count of a queue that must exist. */
    static int depth(Connection connection, String queue) throws IOException {
        Channel ch = connection.createChannel();
        try {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } finally {
            closeQuietly(ch);
        }
    }

    /** Takes every ready message of the queue with basic.get and auto-ack, in order. */
    static List<GetResponse> drain(Channel ch, String queue) throws IOException {
        List<GetResponse> all = new ArrayList<>();
        for (GetResponse r = ch.basicGet(queue, true); r != null; r = ch.basicGet(queue, true)) {
            all.add(r);
        }
        return all;
    }

    static List<String> bodies(List<GetResponse> responses) {
        return responses.stream().map(Probe::body).toList();
    }

    static String body(GetResponse r) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes persistent messages with these bodies. */
    static void publishPersistent(Channel ch, String exchange, String routingKey, String... bodies) throws IOException {
        for (String b : bodies) {
            ch.basicPublish(exchange, routingKey, PERSISTENT, bytes(b));
        }
    }

    @FunctionalInterface
    interface ChannelCall {
        void run(Channel ch) throws IOException;
    }

    /** True if the call succeeds, false if the broker answers it with 404 NOT_FOUND. */
    private static boolean answers(Connection connection, ChannelCall call) throws IOException {
        Channel ch = connection.createChannel();
        try {
            call.run(ch);
            closeQuietly(ch);
            return true;
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException sse
                    && sse.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.close();
            }
        } catch (Exception e) {
            // already closed by the broker
        }
    }
}
