package org.ferrymq.broker.management;

/**
 * One channel: its name is RabbitMQ's {@code "<connection name> (<number>)"}. Prefetch counts
 * are {@code basic.qos}'s (0 = unlimited): per consumer and channel-wide ({@code global}).
 */
public record ChannelView(String name, String connectionName, int number, String vhost, String user,
                          int prefetchCount, int globalPrefetchCount, int consumerCount, int unackedCount,
                          boolean confirm, boolean transactional) {
}
