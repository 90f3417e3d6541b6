package org.ferrymq.broker.management;

/** A virtual host with its message totals. */
public record VhostView(String name, int queues, long ready, long unacked, long readyBytes) {
    public long messages() {
        return ready + unacked;
    }
}
