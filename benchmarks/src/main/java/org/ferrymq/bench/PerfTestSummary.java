package org.ferrymq.bench;

import java.util.List;
import java.util.Optional;

/**
 * What PerfTest prints at the end of a run: average publish and delivery rates over the whole
 * run (msg/s; delivery counts every copy, so a 4-queue fanout receives 4× what it sends), the
 * consumer latency percentiles when there was any delivery to measure, and the confirm latency
 * percentiles when the run used publisher confirms; and the consumer latency and delivery rate of each second.
 */
public record PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency,
                              Optional<ConfirmLatency> confirmLatency, List<SecondLatency> perSecond,
                              List<SecondRate> perSecondRates) {

    public PerfTestSummary {
        perSecond = List.copyOf(perSecond);
        perSecondRates = List.copyOf(perSecondRates);
    }

    /** Without per-second rates. */
    public PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency,
                           Optional<ConfirmLatency> confirmLatency, List<SecondLatency> perSecond) {
        this(sendRate, receiveRate, latency, confirmLatency, perSecond, List.of());
    }

    /** Coefficient of variation of the per-second delivery rates past the warm-up ({@link ThroughputSpread}). */
    public Optional<Double> throughputSpread() {
        return ThroughputSpread.coefficientOfVariation(perSecondRates);
    }

    /** Without per-second figures. */
    public PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency,
                           Optional<ConfirmLatency> confirmLatency) {
        this(sendRate, receiveRate, latency, confirmLatency, List.of(), List.of());
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
