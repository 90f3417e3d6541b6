package org.ferrymq.broker.model;

import java.util.Map;

import io.netty.buffer.Unpooled;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.broker.store.StoredMessage;

/**
 * A published message as the broker keeps it: immutable, shared by every queue it was routed to.
 * The content-header property bytes are kept exactly as the publisher sent them, so delivery
 * writes them back without re-encoding (and without losing anything the decoder would not keep).
 *
 * @param id            broker-wide id (the store's key for persistent messages)
 * @param exchange      the exchange it was published to ("" for the default exchange)
 * @param routingKey    the routing key it was published with
 * @param properties    decoded basic properties (headers, priority, expiration, ...)
 * @param rawProperties the encoded property flags and list, as received
 * @param body          the content body
 * @param arrivedAt     when the broker received it (epoch ms), the start of its TTL clock
 */
public record Message(long id, String exchange, String routingKey, AmqpBasicProperties properties,
                      byte[] rawProperties, byte[] body, long arrivedAt) {

    /** A message arriving now. */
    public Message(long id, String exchange, String routingKey, AmqpBasicProperties properties, byte[] rawProperties,
                   byte[] body) {
        this(id, exchange, routingKey, properties, rawProperties, body, System.currentTimeMillis());
    }

    /** A message built inside the broker (no bytes received from a client). */
    public static Message of(long id, String exchange, String routingKey, AmqpBasicProperties properties, byte[] body) {
        return new Message(id, exchange, routingKey, properties, properties.encode(), body);
    }

    public boolean persistent() {
        return properties.persistent();
    }

    /** The headers table, never null. */
    public Map<String, Object> headers() {
        Map<String, Object> headers = properties.headers();
        return headers == null ? Map.of() : headers;
    }

    public StoredMessage toStored() {
        return new StoredMessage(id, exchange, routingKey, rawProperties, body, arrivedAt);
    }

    /** A message read back from the store. */
    public static Message fromStored(StoredMessage stored) {
        AmqpBasicProperties properties = AmqpBasicProperties.decode(Unpooled.wrappedBuffer(stored.rawProperties()));
        long arrivedAt = stored.arrivedAt() > 0 ? stored.arrivedAt() : System.currentTimeMillis();
        return new Message(stored.id(), stored.exchange(), stored.routingKey(), properties, stored.rawProperties(),
                stored.body(), arrivedAt);
    }

    public int bodySize() {
        return body.length;
    }

    /** The per-message TTL from the expiration property in ms, or -1 if absent or not a number. */
    public long expirationMillis() {
        String expiration = properties.expiration();
        if (expiration == null) {
            return -1;
        }
        try {
            long ttl = Long.parseLong(expiration.trim());
            return ttl < 0 ? -1 : ttl;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
