package org.ferrymq.jms.provider;

/** A message delivered to a consumer (basic.deliver) or fetched (basic.get-ok). */
public record WireDelivery(long deliveryTag, boolean redelivered, String exchange, String routingKey, WireMessage message) {
}
