package org.ferrymq.broker.management;

import java.util.List;

/** The broker at a glance: identity, object counts, message totals and the overall rates. */
public record OverviewView(String product, String version, String node, long startedAtMillis,
                           int vhosts, int queues, int exchanges, int connections, int channels, int consumers,
                           long ready, long unacked, long readyBytes, MessageCounters counters,
                           List<Listener> listeners) {
    public OverviewView {
        listeners = List.copyOf(listeners);
    }

    public long messages() {
        return ready + unacked;
    }

    /** A listening socket: protocol ({@code amqp}, {@code amqp/ssl}, {@code http}, {@code https}), address, port. */
    public record Listener(String protocol, String host, int port) {
    }
}
