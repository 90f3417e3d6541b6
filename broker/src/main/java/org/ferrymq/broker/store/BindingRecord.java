package org.ferrymq.broker.store;

import java.util.Map;

/** A binding between durable things: source exchange to a queue or (e2e) to an exchange. */
public record BindingRecord(String vhost, String source, String destination, boolean destinationIsExchange,
                            String routingKey, Map<String, Object> arguments) {
}
