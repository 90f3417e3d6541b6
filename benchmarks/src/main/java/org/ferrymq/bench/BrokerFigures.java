package org.ferrymq.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures of one broker in one scenario: medians over its successful repetitions.
 * Rates are deliveries per second (every copy counts), which is what a broker that keeps up
 * sustains; the send rate alone would flatter a broker that buffers without delivering.
 */
public record BrokerFigures(List<Measurement> runs) {

    public BrokerFigures {
        runs = List.copyOf(runs);
    }

    public OptionalDouble receiveRate() {
        return Median.of(successful().stream().map(m -> m.summary().receiveRate()).toList());
    }

    public OptionalDouble sendRate() {
        return Median.of(successful().stream().map(m -> m.summary().sendRate()).toList());
    }

    /** Median p50 and median p99 over the runs that measured latency. */
    public Optional<ConsumerLatency> latency() {
        List<ConsumerLatency> measured = successful().stream()
                .flatMap(m -> m.summary().latency().stream()).toList();
        OptionalDouble p50 = Median.of(measured.stream().map(ConsumerLatency::p50Micros).toList());
        OptionalDouble p99 = Median.of(measured.stream().map(ConsumerLatency::p99Micros).toList());
        if (p50.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConsumerLatency(Math.round(p50.getAsDouble()), Math.round(p99.getAsDouble())));
    }

    /** Median steady-state p50 and p99 over the runs, and the worst steady second of any run (see {@link SteadyLatency}). */
    public Optional<SteadyLatency> steadyLatency() {
        List<SteadyLatency> measured = successful().stream()
                .flatMap(m -> m.summary().steadyLatency().stream()).toList();
        OptionalDouble p50 = Median.of(measured.stream().map(SteadyLatency::p50Micros).toList());
        OptionalDouble p99 = Median.of(measured.stream().map(SteadyLatency::p99Micros).toList());
        if (p50.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        long worst = measured.stream().mapToLong(SteadyLatency::worstSecondP99Micros).max().orElseThrow();
        int seconds = measured.stream().mapToInt(SteadyLatency::seconds).sum();
        return Optional.of(new SteadyLatency(Math.round(p50.getAsDouble()), Math.round(p99.getAsDouble()), worst, seconds));
    }

    /** Median confirm p50 and median confirm p99 over the runs that used publisher confirms. */
    public Optional<ConfirmLatency> confirmLatency() {
        List<ConfirmLatency> measured = successful().stream()
                .flatMap(m -> m.summary().confirmLatency().stream()).toList();
        OptionalDouble p50 = Median.of(measured.stream().map(ConfirmLatency::p50Micros).toList());
        OptionalDouble p99 = Median.of(measured.stream().map(ConfirmLatency::p99Micros).toList());
        if (p50.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConfirmLatency(Math.round(p50.getAsDouble()), Math.round(p99.getAsDouble())));
    }

    /** The first failure message, when no run succeeded (what the table shows instead of a figure). */
    public Optional<String> failure() {
        if (!successful().isEmpty()) {
            return Optional.empty();
        }
        return runs.stream().map(Measurement::failure).filter(f -> f != null).findFirst()
                .or(() -> Optional.of("not run"));
    }

    public int failedRuns() {
        return runs.size() - successful().size();
    }

    private List<Measurement> successful() {
        return runs.stream().filter(Measurement::ok).toList();
    }
}
