package org.ferrymq.bench;

/**
 * PerfTest's consumer latency for one reporting second ("time 12.001 s, ... min/median/75th/95th/99th
 * consumer latency: 61/155/183/243/1249 µs"), in microseconds.
 *
 * @param endSeconds when the second ended, from the start of the run
 */
public record SecondLatency(double endSeconds, long p50Micros, long p99Micros) {
}
