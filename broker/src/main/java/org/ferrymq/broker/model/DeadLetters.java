package org.ferrymq.broker.model;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;

/**
 * Builds a dead-lettered copy of a message as RabbitMQ does: an {@code x-death} history in the
 * headers (one entry per queue and reason, newest first, with a count), the
 * {@code x-first-death-*} headers on the first death, and the per-message expiration moved
 * into the history so the copy does not expire again.
 */
final class DeadLetters {
    /** Why a message was dead-lettered, as the x-death "reason" says it. */
    enum Reason {
        REJECTED("rejected"), EXPIRED("expired"), MAXLEN("maxlen");

        final String amqpName;

        Reason(String amqpName) {
            this.amqpName = amqpName;
        }
    }

    private DeadLetters() {
    }

    static Message copyFor(Message original, Reason reason, String queue, String deadLetterExchange,
                           String deadLetterRoutingKey, long messageId) {
        AmqpBasicProperties props = original.properties();
        Map<String, Object> headers = new LinkedHashMap<>(original.headers());
        List<Object> history = new ArrayList<>();
        if (headers.get("x-death") instanceof List<?> previous) {
            history.addAll(previous);
        }
        Map<String, Object> entry = null;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i) instanceof Map<?, ?> m && queue.equals(text(m.get("queue")))
                    && reason.amqpName.equals(text(m.get("reason")))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> found = new LinkedHashMap<>((Map<String, Object>) m);
                entry = found;
                history.remove(i);
                break;
            }
        }
        if (entry == null) {
            entry = new LinkedHashMap<>();
            entry.put("count", 0L);
            entry.put("reason", reason.amqpName);
            entry.put("queue", queue);
            entry.put("time", new Date((System.currentTimeMillis() / 1000) * 1000));
            entry.put("exchange", original.exchange());
            List<Object> keys = new ArrayList<>();
            keys.add(original.routingKey());
            if (original.headers().get("CC") instanceof List<?> cc) {
                keys.addAll(cc); // RabbitMQ records CC keys, never BCC ones
            }
            entry.put("routing-keys", keys);
            if (props.expiration() != null) {
                entry.put("original-expiration", props.expiration());
            }
        }
        entry.put("count", ((Number) entry.get("count")).longValue() + 1);
        history.add(0, entry);
        headers.put("x-death", history);
        headers.putIfAbsent("x-first-death-reason", reason.amqpName);
        headers.putIfAbsent("x-first-death-queue", queue);
        headers.putIfAbsent("x-first-death-exchange", original.exchange());
        AmqpBasicProperties copy = props.withHeaders(headers).withExpiration(null);
        String routingKey = deadLetterRoutingKey != null ? deadLetterRoutingKey : original.routingKey();
        return Message.of(messageId, deadLetterExchange, routingKey, copy, original.body());
    }

    private static String text(Object value) {
        return value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }
}
