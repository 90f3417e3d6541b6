package org.ferrymq.broker.management;

import java.util.List;

/** A connection with its channels and consumers, taken on the connection's event loop at one instant. */
public record ConnectionSnapshot(ConnectionView connection, List<ChannelView> channels, List<ConsumerView> consumers) {
    public ConnectionSnapshot {
        channels = List.copyOf(channels);
        consumers = List.copyOf(consumers);
    }
}
