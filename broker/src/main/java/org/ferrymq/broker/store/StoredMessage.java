package org.ferrymq.broker.store;

/**
 * A persistent message as the store keeps it: once, however many durable queues hold it.
 *
 * @param id            broker-wide message id, increasing in publish order per channel
 * @param exchange      the exchange it was published to
 * @param routingKey    its routing key
 * @param rawProperties the encoded content-header properties, as received
 * @param body          the body
 * @param arrivedAt     when the broker received it (epoch ms; 0 if unknown), so TTLs keep counting across a restart
 */
public record StoredMessage(long id, String exchange, String routingKey, byte[] rawProperties, byte[] body,
                            long arrivedAt) {
    public StoredMessage(long id, String exchange, String routingKey, byte[] rawProperties, byte[] body) {
        this(id, exchange, routingKey, rawProperties, body, 0);
    }
}
