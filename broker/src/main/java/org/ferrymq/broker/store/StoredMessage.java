package org.ferrymq.broker.store;

/**
 * A persistent message as the store keeps it: once, however many durable queues hold it.
 *
 * @param id            broker-wide message id, increasing in publish order per channel
 * @param exchange      the exchange it was published to
 * @param routingKey    its routing key
 * @param rawProperties the encoded content-header properties, as received
 * @param body          the body
 */
public record StoredMessage(long id, String exchange, String routingKey, byte[] rawProperties, byte[] body) {
}
