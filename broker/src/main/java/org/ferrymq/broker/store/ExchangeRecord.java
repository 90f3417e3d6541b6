package org.ferrymq.broker.store;

import java.util.Map;

/** A durable exchange's definition. */
public record ExchangeRecord(String vhost, String name, String type, boolean autoDelete, boolean internal,
                             Map<String, Object> arguments) {
}
