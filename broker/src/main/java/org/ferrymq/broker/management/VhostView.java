package org.ferrymq.broker.management;

/**
 * A virtual host with its message totals, and its message counts (whose
 * {@link MessageCounters#lengths()} are its queues' lengths summed, sampled with the rates).
 */
public record VhostView(String name, int queues, long ready, long unacked, long readyBytes, MessageCounters counters) {
    public long messages() {
        return ready + unacked;
    }
}
