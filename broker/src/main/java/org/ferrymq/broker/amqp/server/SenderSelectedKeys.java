package org.ferrymq.broker.amqp.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.model.Message;

/**
 * RabbitMQ's sender-selected distribution: a publisher lists extra routing keys in the
 * {@code CC} and {@code BCC} headers (arrays of strings); the message is routed with each of
 * them too, and the BCC header is removed before anyone sees the message.
 */
final class SenderSelectedKeys {
    private SenderSelectedKeys() {
    }

    static List<String> of(Map<String, Object> headers) {
        if (headers.isEmpty() || (!headers.containsKey("CC") && !headers.containsKey("BCC"))) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        add(headers.get("CC"), keys);
        add(headers.get("BCC"), keys);
        return keys;
    }

    private static void add(Object value, List<String> keys) {
        if (value instanceof List<?> list) {
            for (Object key : list) {
                if (key instanceof String s) {
                    keys.add(s);
                } else if (key instanceof byte[] b) {
                    keys.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** The message as consumers must see it: without its BCC header. */
    static Message withoutBcc(Message message) {
        Map<String, Object> headers = message.headers();
        if (!headers.containsKey("BCC")) {
            return message;
        }
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.remove("BCC");
        return Message.of(message.id(), message.exchange(), message.routingKey(),
                message.properties().withHeaders(copy), message.body());
    }
}
