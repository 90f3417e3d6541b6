package org.ferrymq.broker.management;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;

/** Between AMQP basic properties and the property maps of RabbitMQ's management API. Stateless. */
final class MessageProperties {
    private MessageProperties() {
    }

    static Map<String, Object> toMap(AmqpBasicProperties p) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "content_type", p.contentType());
        put(m, "content_encoding", p.contentEncoding());
        put(m, "priority", p.priority());
        put(m, "correlation_id", p.correlationId());
        put(m, "reply_to", p.replyTo());
        put(m, "expiration", p.expiration());
        put(m, "message_id", p.messageId());
        put(m, "timestamp", p.timestamp());
        put(m, "type", p.type());
        put(m, "user_id", p.userId());
        put(m, "app_id", p.appId());
        put(m, "cluster_id", p.clusterId());
        put(m, "delivery_mode", p.deliveryMode());
        if (p.headers() != null) {
            m.put("headers", BrokerManagement.withoutNulls(p.headers()));
        }
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Reads a property map; unknown names or wrong types are a BAD_REQUEST. */
    @SuppressWarnings("unchecked")
    static AmqpBasicProperties fromMap(Map<String, Object> m) {
        if (m == null) {
            return AmqpBasicProperties.EMPTY;
        }
        for (String key : m.keySet()) {
            if (!KNOWN.contains(key)) {
                throw ManagementException.badRequest("unknown message property '" + key + "'");
            }
        }
        Object headers = m.get("headers");
        if (headers != null && !(headers instanceof Map)) {
            throw ManagementException.badRequest("headers must be an object");
        }
        return new AmqpBasicProperties(string(m, "content_type"), string(m, "content_encoding"),
                (Map<String, Object>) headers, integer(m, "delivery_mode"), integer(m, "priority"),
                string(m, "correlation_id"), string(m, "reply_to"), string(m, "expiration"), string(m, "message_id"),
                m.get("timestamp") == null ? null : integer(m, "timestamp").longValue(), string(m, "type"),
                string(m, "user_id"), string(m, "app_id"), string(m, "cluster_id"));
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("content_type", "content_encoding", "headers",
            "delivery_mode", "priority", "correlation_id", "reply_to", "expiration", "message_id", "timestamp",
            "type", "user_id", "app_id", "cluster_id");

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number) {
            return v.toString(); // rabbitmqadmin sends expiration as a number sometimes
        }
        throw ManagementException.badRequest("property '" + key + "' must be a string");
    }

    private static Integer integer(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ManagementException.badRequest("property '" + key + "' must be an integer");
    }
}
