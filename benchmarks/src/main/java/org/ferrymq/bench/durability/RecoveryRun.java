package org.ferrymq.bench.durability;

import java.time.Duration;
import java.util.Optional;

/**
 * One recovery measurement: a server filled with {@code messages}, stopped one way, started
 * again on the same data directory.
 *
 * @param broker       FerryMQ or RabbitMQ
 * @param emptyStart   launch to ready line of the first start, on an empty data directory (JVM
 *                     and broker start-up without any recovery: the baseline)
 * @param stopTime     how long the clean stop took (empty after SIGKILL)
 * @param toReady      launch to ready line of the restart
 * @param toCount      launch of the restart until a passive declare reported every message
 *                     (empty when the count never matched)
 * @param countFound   the queue's message count after the restart
 * @param failure      why the run has no figures (null when it has)
 */
public record RecoveryRun(String broker, StopMode mode, long messages, int sizeBytes, Duration emptyStart, QueueFiller.Result fill,
                          Optional<Duration> stopTime, Duration toReady, Optional<Duration> toCount, long countFound,
                          String failure) {

    public static final Duration TARGET = Duration.ofSeconds(10);

    /** How the filled server was stopped. */
    public enum StopMode {
        CLEAN("clean stop"),
        KILL("crash (SIGKILL)");

        private final String description;

        StopMode(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public static RecoveryRun failed(String broker, StopMode mode, long messages, int sizeBytes, String failure) {
        return new RecoveryRun(broker, mode, messages, sizeBytes, null, null, Optional.empty(), null, Optional.empty(), -1, failure);
    }

    public boolean ok() {
        return failure == null;
    }

    /** Every message back, and back within the target (the "under 10 s to ready", with the messages). */
    public boolean meetsTarget() {
        return ok() && countFound == messages && toCount.isPresent() && toCount.get().compareTo(TARGET) < 0;
    }
}
