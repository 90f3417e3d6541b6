package org.ferrymq.broker.it.extensions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;

/** Small publish/get helpers shared by the queue-extension tests. */
final class Messages {
    private Messages() {
    }

    static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String body(GetResponse r) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }

    static String body(Delivery d) {
        return new String(d.getBody(), StandardCharsets.UTF_8);
    }

    /** Properties with only the (string, milliseconds) expiration set. */
    static AMQP.BasicProperties expiring(String millis) {
        return new AMQP.BasicProperties.Builder().expiration(millis).build();
    }

    static AMQP.BasicProperties priority(Integer priority) {
        return new AMQP.BasicProperties.Builder().priority(priority).build();
    }

    /** Puts the channel in confirm mode (idempotent), publishes and waits until the broker confirmed (acked). */
    static void publishConfirmed(Channel ch, String exchange, String routingKey, AMQP.BasicProperties props, String body)
            throws Exception {
        ch.confirmSelect();
        ch.basicPublish(exchange, routingKey, props, bytes(body));
        ch.waitForConfirmsOrDie(5000);
    }

    /** Publishes each body to the queue through the default exchange and waits for all confirms. */
    static void publishConfirmed(Channel ch, String queue, String... bodies) throws Exception {
        ch.confirmSelect();
        for (String b : bodies) {
            ch.basicPublish("", queue, null, bytes(b));
        }
        ch.waitForConfirmsOrDie(5000);
    }

    /** Gets (auto-ack) every ready message of the queue, in order. */
    static List<String> drain(Channel ch, String queue) throws IOException {
        List<String> out = new ArrayList<>();
        for (GetResponse r; (r = ch.basicGet(queue, true)) != null; ) {
            out.add(body(r));
        }
        return out;
    }

    /** Polls basic.get (auto-ack) until a message arrives. */
    static GetResponse awaitGet(Channel ch, String queue, Duration timeout) throws Exception {
        GetResponse[] got = new GetResponse[1];
        Eventually.await("a message in " + queue, timeout, () -> (got[0] = ch.basicGet(queue, true)) != null);
        return got[0];
    }

    /** Polls basic.get (manual ack) until a message arrives; the caller settles it. */
    static GetResponse awaitGetUnacked(Channel ch, String queue, Duration timeout) throws Exception {
        GetResponse[] got = new GetResponse[1];
        Eventually.await("a message in " + queue, timeout, () -> (got[0] = ch.basicGet(queue, false)) != null);
        return got[0];
    }

    /** Ready messages, as queue.declare-ok reports them. */
    static int readyCount(Channel ch, String queue) throws IOException {
        return ch.queueDeclarePassive(queue).getMessageCount();
    }

    /** Whether the queue exists; uses a throwaway channel because a 404 closes it. */
    static boolean queueExists(Connection c, String queue) throws Exception {
        Channel probe = c.createChannel();
        try {
            probe.queueDeclarePassive(queue);
            probe.close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Queue arguments as a map, from alternating key/value pairs. */
    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
