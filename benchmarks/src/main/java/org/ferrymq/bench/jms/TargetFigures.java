package org.ferrymq.bench.jms;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.ferrymq.bench.ConsumerLatency;
import org.ferrymq.bench.Median;

/** One target's figures in one scenario: medians over its successful repetitions. */
public record TargetFigures(TargetId target, List<JmsMeasurement> runs) {

    public TargetFigures {
        runs = List.copyOf(runs);
    }

    /** Median deliveries per second. */
    public OptionalDouble deliverRate() {
        return Median.of(successful().stream().map(m -> m.figures().deliverRate()).toList());
    }

    /** Median p50 and median p99 over the runs that measured latency. */
    public Optional<ConsumerLatency> latency() {
        List<ConsumerLatency> measured = successful().stream().flatMap(m -> m.figures().latency().stream()).toList();
        OptionalDouble p50 = Median.of(measured.stream().map(ConsumerLatency::p50Micros).toList());
        OptionalDouble p99 = Median.of(measured.stream().map(ConsumerLatency::p99Micros).toList());
        if (p50.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConsumerLatency(Math.round(p50.getAsDouble()), Math.round(p99.getAsDouble())));
    }

    /** Exactly-once violations summed over every successful run. */
    public long violations() {
        return successful().stream().mapToLong(m -> m.figures().violations()).sum();
    }

    /** The first failure, when no run succeeded (what the table shows instead of a figure). */
    public Optional<String> failure() {
        if (!successful().isEmpty()) {
            return Optional.empty();
        }
        return runs.stream().map(JmsMeasurement::failure).filter(f -> f != null).findFirst()
                .or(() -> Optional.of("not run"));
    }

    public int failedRuns() {
        return runs.size() - successful().size();
    }

    private List<JmsMeasurement> successful() {
        return runs.stream().filter(JmsMeasurement::ok).toList();
    }
}
