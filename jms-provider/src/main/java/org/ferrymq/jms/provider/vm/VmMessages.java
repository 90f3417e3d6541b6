package org.ferrymq.jms.provider.vm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.jms.provider.WireMessage;

/**
 * Converts {@link WireMessage}s to and from the broker's content-header record. The body array
 * and (read-only) header tables are shared with the broker, not copied: in-process consumers of
 * the same message see the same objects, so neither side may modify them.
 * The AMQP timestamp is in seconds, the WireMessage's in milliseconds.
 */
final class VmMessages {
    private VmMessages() {
    }

    static AmqpBasicProperties toProperties(WireMessage m) {
        return new AmqpBasicProperties(m.contentType(), m.contentEncoding(),
                m.headers().isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m.headers())),
                m.deliveryMode(), m.priority(), m.correlationId(), m.replyTo(), m.expiration(), m.messageId(),
                m.timestampMillis() == null ? null : m.timestampMillis() / 1000L,
                m.type(), m.userId(), m.appId(), null);
    }

    /** The message of a basic.deliver or basic.get-ok command. */
    static WireMessage fromCommand(AmqpCommand command) {
        AmqpBasicProperties p = properties(command);
        return new WireMessage(p.contentType(), p.contentEncoding(), headers(p.headers()), p.deliveryMode(),
                p.priority(), p.correlationId(), p.replyTo(), p.expiration(), p.messageId(),
                p.timestamp() == null ? null : p.timestamp() * 1000L, p.type(), p.userId(), p.appId(), command.body());
    }

    /**
     * The message id of a returned message, all a basic.return is read for (to match it with its
     * publish): no header table converted, no message built. A message this connection published
     * comes back as the broker holds it, its properties already a record.
     */
    static String messageId(AmqpCommand command) {
        return properties(command).messageId();
    }

    private static AmqpBasicProperties properties(AmqpCommand command) {
        return command.properties() != null ? command.properties()
                : command.rawProperties() != null ? AmqpBasicProperties.decode(command.rawProperties())
                : AmqpBasicProperties.EMPTY;
    }

    /** Tables from TCP publishers may hold AMQP timestamps (Date); JMS wants plain values. */
    private static Map<String, Object> headers(Map<String, Object> raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        if (!needsConversion(raw.values())) {
            return raw;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, value(v)));
        return Collections.unmodifiableMap(out);
    }

    private static boolean needsConversion(Iterable<?> values) {
        for (Object v : values) {
            if (v instanceof Date || v instanceof Map<?, ?> || v instanceof List<?>) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object v) {
        if (v instanceof Date d) {
            return d.getTime();
        }
        if (v instanceof Map<?, ?> map) {
            return headers((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(e -> out.add(value(e)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }
}
