package org.ferrymq.broker.it.extensions;

import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;

/** Reads the dead-lettering headers RabbitMQ adds ({@code x-death}, {@code x-first-death-*}). */
final class DeathHeaders {
    private DeathHeaders() {
    }

    /** The x-death array, most recent death first. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> xDeath(AMQP.BasicProperties props) {
        Map<String, Object> headers = props.getHeaders();
        if (headers == null || !(headers.get("x-death") instanceof List<?>)) {
            throw new AssertionError("no x-death array in headers " + headers);
        }
        return (List<Map<String, Object>>) headers.get("x-death");
    }

    /** A header value as a Java string (AMQP long strings arrive as LongString). */
    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static String header(AMQP.BasicProperties props, String name) {
        return props.getHeaders() == null ? null : text(props.getHeaders().get(name));
    }
}
