package org.ferrymq.broker.amqp.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.model.Message;
import org.ferrymq.broker.model.exchange.FieldValues;

/**
 * RabbitMQ's sender-selected distribution: a publisher lists extra routing keys in the
 * {@code CC} and {@code BCC} headers (arrays of strings); the message is routed with each of
 * them too, and the BCC header is removed before anyone sees the message. The keys must be read
 * before BCC is stripped. As in RabbitMQ 3.10 only string elements count, and a CC or BCC
 * header that is not an array makes the publish a 406.
 *
 * <p>Stateless.
 */
final class SenderSelectedKeys {
    private static final String CC = "CC";
    private static final String BCC = "BCC";

    private SenderSelectedKeys() {
    }

    /** The extra routing keys, CC's first; PRECONDITION_FAILED if either header is not an array. */
    static List<String> of(Map<String, Object> headers) {
        if (headers.isEmpty() || (!headers.containsKey(CC) && !headers.containsKey(BCC))) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        add(CC, headers, keys);
        add(BCC, headers, keys);
        return keys;
    }

    private static void add(String header, Map<String, Object> headers, List<String> keys) {
        if (!headers.containsKey(header)) {
            return;
        }
        Object value = headers.get(header);
        if (!(value instanceof List<?> list)) {
            // RabbitMQ's rabbit_basic:header_routes/1 error, as its channel prints it
            throw AmqpException.preconditionFailed("invalid message: {unacceptable_type_in_header,\"" + header + "\","
                    + FieldValues.amqpTypeName(value) + "}");
        }
        for (Object key : list) {
            if (key instanceof String s) {
                keys.add(s);
            }
        }
    }

    /** The message as consumers must see it: without its BCC header. */
    static Message withoutBcc(Message message) {
        Map<String, Object> headers = message.headers();
        if (!headers.containsKey(BCC)) {
            return message;
        }
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.remove(BCC);
        return Message.of(message.id(), message.exchange(), message.routingKey(),
                message.properties().withHeaders(copy), message.body());
    }
}
