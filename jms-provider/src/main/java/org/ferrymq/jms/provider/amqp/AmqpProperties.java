package org.ferrymq.jms.provider.amqp;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;

import org.ferrymq.jms.provider.WireMessage;

/** Converts {@link WireMessage} to and from the RabbitMQ client's BasicProperties. */
final class AmqpProperties {
    private AmqpProperties() {
    }

    static AMQP.BasicProperties toBasic(WireMessage m) {
        return new AMQP.BasicProperties.Builder()
                .contentType(m.contentType())
                .contentEncoding(m.contentEncoding())
                .headers(m.headers().isEmpty() ? null : m.headers())
                .deliveryMode(m.deliveryMode())
                .priority(m.priority())
                .correlationId(m.correlationId())
                .replyTo(m.replyTo())
                .expiration(m.expiration())
                .messageId(m.messageId())
                .timestamp(m.timestampMillis() == null ? null : new Date(m.timestampMillis()))
                .type(m.type())
                .userId(m.userId())
                .appId(m.appId())
                .build();
    }

    static WireMessage fromBasic(AMQP.BasicProperties p, byte[] body) {
        return new WireMessage(p.getContentType(), p.getContentEncoding(), headers(p.getHeaders()),
                p.getDeliveryMode(), p.getPriority(), p.getCorrelationId(), p.getReplyTo(), p.getExpiration(),
                p.getMessageId(), p.getTimestamp() == null ? null : p.getTimestamp().getTime(), p.getType(),
                p.getUserId(), p.getAppId(), body);
    }

    private static Map<String, Object> headers(Map<String, Object> raw) {
        if (raw == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    /** The client reads table strings as LongString; JMS wants String. */
    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v instanceof LongString s) {
            return s.toString();
        }
        if (v instanceof Map<?, ?> map) {
            return headers((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(value(e)));
            return out;
        }
        if (v instanceof Date d) {
            return d.getTime();
        }
        return v;
    }
}
