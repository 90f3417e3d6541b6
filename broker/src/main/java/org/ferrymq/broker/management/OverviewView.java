package org.ferrymq.broker.management;

import java.util.List;

/**
 * The broker at a glance: identity, object counts, message totals and the overall rates.
 *
 * @param lengthRates growth per second of all queues' messages, ready and unacked (summed queue length rates)
 * @param ratesMode   RabbitMQ's {@code management.rates_mode}: {@code none}, {@code basic} or {@code detailed}
 */
public record OverviewView(String product, String version, String node, long startedAtMillis,
                           int vhosts, int queues, int exchanges, int connections, int channels, int consumers,
                           long ready, long unacked, long readyBytes, MessageCounters counters,
                           List<Listener> listeners, LengthRates lengthRates, String ratesMode) {
    public OverviewView {
        listeners = List.copyOf(listeners);
    }

    public long messages() {
        return ready + unacked;
    }

    /** Summed queue length rates (messages per second). */
    public record LengthRates(double messages, double ready, double unacked) {
    }

    /** A listening socket: protocol ({@code amqp}, {@code amqp/ssl}, {@code http}, {@code https}), address, port. */
    public record Listener(String protocol, String host, int port) {
    }
}
