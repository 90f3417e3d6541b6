package org.ferrymq.broker.store;

import java.util.Map;

/** A durable queue's definition. {@code id} is the store's key for the queue's entries. */
public record QueueRecord(long id, String vhost, String name, boolean autoDelete, Map<String, Object> arguments) {
}
