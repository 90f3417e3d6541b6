package org.ferrymq.broker.management;

import java.util.Map;

/** One consumer on a queue, with its prefetch and how many of its deliveries are unacknowledged. */
public record ConsumerView(String consumerTag, String vhost, String queue, String channelName, String connectionName,
                           boolean ackRequired, boolean exclusive, int prefetchCount, int unackedCount,
                           Map<String, Object> arguments) {
    public ConsumerView {
        arguments = Map.copyOf(arguments);
    }
}
