package org.ferrymq.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
        List<ConsumerLatency> runs = measured(PerfTestSummary::latency);
        return runs.isEmpty() ? Optional.empty() : Optional.of(new ConsumerLatency(
                median(runs, ConsumerLatency::p50Micros), median(runs, ConsumerLatency::p99Micros)));
    }

    /** Median steady-state p50 and p99 over the runs, and the worst steady second of any run (see {@link SteadyLatency}). */
    public Optional<SteadyLatency> steadyLatency() {
        List<SteadyLatency> runs = measured(PerfTestSummary::steadyLatency);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        long worst = runs.stream().mapToLong(SteadyLatency::worstSecondP99Micros).max().orElseThrow();
        int seconds = runs.stream().mapToInt(SteadyLatency::seconds).sum();
        return Optional.of(new SteadyLatency(median(runs, SteadyLatency::p50Micros), median(runs, SteadyLatency::p99Micros),
                worst, seconds));
    }

    /** Median confirm p50 and median confirm p99 over the runs that used publisher confirms. */
    public Optional<ConfirmLatency> confirmLatency() {
        List<ConfirmLatency> runs = measured(PerfTestSummary::confirmLatency);
        return runs.isEmpty() ? Optional.empty() : Optional.of(new ConfirmLatency(
                median(runs, ConfirmLatency::p50Micros), median(runs, ConfirmLatency::p99Micros)));
    }

    /** One figure of every successful run that has it. */
    private <T> List<T> measured(Function<PerfTestSummary, Optional<T>> figure) {
        return successful().stream().flatMap(m -> figure.apply(m.summary()).stream()).toList();
    }

    /** The median of one value over runs (not empty), rounded to whole microseconds. */
    private static <T> long median(List<T> runs, ToLongFunction<T> value) {
        return Math.round(Median.of(runs.stream().map(value::applyAsLong).toList()).getAsDouble());
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
