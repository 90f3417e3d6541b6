package org.ferrymq.broker.management;

/**
 * A virtual host with its message totals, its message counts (whose
 * {@link MessageCounters#lengths()} are its queues' lengths summed, sampled with the rates), and
 * the octets its clients' connections sent and received ({@code traffic}, closed ones included).
 */
public record VhostView(String name, int queues, long ready, long unacked, long readyBytes, MessageCounters counters,
                        TrafficCounters traffic) {
    public long messages() {
        return ready + unacked;
    }
}
