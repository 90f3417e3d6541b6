package org.ferrymq.bench;

/**
 * PerfTest's delivery rate for one reporting second ("time 7.002 s, sent: ..., received: 41200 msg/s").
 *
 * @param endSeconds when the second ended, from the start of the run
 */
public record SecondRate(double endSeconds, double receivedPerSecond) {
}
