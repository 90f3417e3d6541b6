package org.ferrymq.jms.provider;

import java.util.Map;

/**
 * One AMQP message as the transports see it: the basic content-header properties (AMQP 0-9-1
 * class basic, section 1.8) and the body. Header table values are Java values: String, Boolean,
 * Byte, Short, Integer, Long, Float, Double, byte[], nested Map/List, or null.
 *
 * @param timestampMillis the AMQP timestamp in milliseconds (the wire carries whole seconds), or null
 */
public record WireMessage(
        String contentType,
        String contentEncoding,
        Map<String, Object> headers,
        Integer deliveryMode,
        Integer priority,
        String correlationId,
        String replyTo,
        String expiration,
        String messageId,
        Long timestampMillis,
        String type,
        String userId,
        String appId,
        byte[] body) {

    public WireMessage {
        headers = headers == null ? Map.of() : headers;
        body = body == null ? new byte[0] : body;
    }
}
