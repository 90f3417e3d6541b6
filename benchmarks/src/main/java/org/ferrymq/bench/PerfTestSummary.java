package org.ferrymq.bench;

import java.util.Optional;

/**
 * What PerfTest prints at the end of a run: average publish and delivery rates over the whole
 * run (msg/s; delivery counts every copy, so a 4-queue fanout receives 4× what it sends), the
 * consumer latency percentiles when there was any delivery to measure, and the confirm latency
 * percentiles when the run used publisher confirms.
 */
public record PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency,
                              Optional<ConfirmLatency> confirmLatency) {

    /** A run without publisher confirms. */
    public PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency) {
        this(sendRate, receiveRate, latency, Optional.empty());
    }
}
