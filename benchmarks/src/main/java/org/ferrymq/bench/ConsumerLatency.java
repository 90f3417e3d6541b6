package org.ferrymq.bench;

/** Consumer latency percentiles of one run, in microseconds (publish to delivery). */
public record ConsumerLatency(long p50Micros, long p99Micros) {
}
