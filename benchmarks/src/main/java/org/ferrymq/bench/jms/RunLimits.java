package org.ferrymq.bench.jms;

import java.time.Duration;

/**
 * How long one run may last: the producer stops after {@code sendTime} or {@code maxMessages},
 * whichever comes first; the subscribers then get up to {@code drainTime} to receive the rest,
 * after which whatever has not arrived counts as missing.
 */
public record RunLimits(Duration sendTime, long maxMessages, Duration drainTime) {
}
