package org.ferrymq.broker.amqp.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.Unpooled;

import org.ferrymq.broker.amqp.codec.AmqpFieldTable;

/** The user name and password in a connection.start-ok response, for the PLAIN and AMQPLAIN mechanisms. */
record SaslResponse(String username, String password) {
    static final String MECHANISMS = "PLAIN AMQPLAIN";

    /** Parses the response; null if the mechanism is not supported or the response is malformed. */
    static SaslResponse parse(String mechanism, byte[] response) {
        if ("PLAIN".equals(mechanism)) {
            return plain(response);
        }
        if ("AMQPLAIN".equals(mechanism)) {
            return amqplain(response);
        }
        return null;
    }

    /** RFC 4616: [authzid] NUL authcid NUL passwd. */
    private static SaslResponse plain(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int first = text.indexOf('\0');
        int second = first < 0 ? -1 : text.indexOf('\0', first + 1);
        if (second < 0) {
            return null;
        }
        return new SaslResponse(text.substring(first + 1, second), text.substring(second + 1));
    }

    /** RabbitMQ's AMQPLAIN: a field table body (no length prefix) with LOGIN and PASSWORD. */
    private static SaslResponse amqplain(byte[] response) {
        try {
            Map<String, Object> table = AmqpFieldTable.readEntries(Unpooled.wrappedBuffer(response), response.length);
            Object login = table.get("LOGIN");
            Object password = table.get("PASSWORD");
            if (login == null || password == null) {
                return null;
            }
            return new SaslResponse(text(login), text(password));
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }
}
