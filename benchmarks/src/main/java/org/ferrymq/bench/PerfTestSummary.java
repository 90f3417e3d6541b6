package org.ferrymq.bench;

import java.util.List;
import java.util.Optional;

/**
 * What PerfTest prints at the end of a run: average publish and delivery rates over the whole
 * run (msg/s; delivery counts every copy, so a 4-queue fanout receives 4× what it sends), the
 * consumer latency percentiles when there was any delivery to measure, and the confirm latency
 * percentiles when the run used publisher confirms; and the consumer latency of each second.
 */
public record PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency,
                              Optional<ConfirmLatency> confirmLatency, List<SecondLatency> perSecond) {

    public PerfTestSummary {
        perSecond = List.copyOf(perSecond);
    }

    /** Without per-second figures. */
    public PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency,
                           Optional<ConfirmLatency> confirmLatency) {
        this(sendRate, receiveRate, latency, confirmLatency, List.of());
    }

    /** The latency once PerfTest itself is warm (see {@link SteadyLatency}). */
    public Optional<SteadyLatency> steadyLatency() {
        return SteadyLatency.of(perSecond);
    }

    /** A run without publisher confirms. */
    public PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency) {
        this(sendRate, receiveRate, latency, Optional.empty());
    }
}
