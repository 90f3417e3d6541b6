package org.ferrymq.bench;

import java.util.Optional;

/**
 * What PerfTest prints at the end of a run: average publish and delivery rates over the whole
 * run (msg/s; delivery counts every copy, so a 4-queue fanout receives 4× what it sends) and
 * the consumer latency percentiles, when there was any delivery to measure.
 */
public record PerfTestSummary(double sendRate, double receiveRate, Optional<ConsumerLatency> latency) {
}
