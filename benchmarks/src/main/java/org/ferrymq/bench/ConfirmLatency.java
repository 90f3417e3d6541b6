package org.ferrymq.bench;

/** Publisher-confirm latency percentiles of one run, in microseconds (publish to confirm). */
public record ConfirmLatency(long p50Micros, long p99Micros) {
}
