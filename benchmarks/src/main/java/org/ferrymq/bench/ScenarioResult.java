package org.ferrymq.bench;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Both brokers' figures for one scenario and whether FerryMQ met its target there:
 * at least {@value #THROUGHPUT_TARGET}× RabbitMQ's delivery rate in a throughput scenario,
 * p50 and p99 no worse than RabbitMQ's in the latency scenario (once the load generator is warm,
 * {@link SteadyLatency}), and in a persistent scenario
 * both: at least {@value #THROUGHPUT_TARGET}× the delivery rate and a confirm-latency p99 no
 * worse than RabbitMQ's.
 */
public record ScenarioResult(BrokerScenario scenario, BrokerFigures ferrymq, BrokerFigures rabbitmq) {
    public static final double THROUGHPUT_TARGET = 2.0;   // issue 13: as shipped, at least twice RabbitMQ 3.10

    /** FerryMQ's delivery rate divided by RabbitMQ's. */
    public OptionalDouble ratio() {
        OptionalDouble ours = ferrymq.receiveRate();
        OptionalDouble theirs = rabbitmq.receiveRate();
        if (ours.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ours.getAsDouble() / theirs.getAsDouble());
    }

    public Verdict verdict() {
        return switch (scenario.kind()) {
            case THROUGHPUT -> throughputVerdict();
            case LATENCY -> latencyVerdict();
            case PERSISTENT -> persistentVerdict();
        };
    }

    private Verdict throughputVerdict() {
        OptionalDouble ratio = ratio();
        if (ratio.isEmpty()) {
            return Verdict.NO_DATA;
        }
        return ratio.getAsDouble() >= THROUGHPUT_TARGET ? Verdict.PASS : Verdict.FAIL;
    }

    private Verdict persistentVerdict() {
        Verdict throughput = throughputVerdict();
        Optional<ConfirmLatency> ours = ferrymq.confirmLatency();
        Optional<ConfirmLatency> theirs = rabbitmq.confirmLatency();
        if (throughput == Verdict.NO_DATA || ours.isEmpty() || theirs.isEmpty()) {
            return Verdict.NO_DATA;
        }
        boolean confirmsNoSlower = ours.get().p99Micros() <= theirs.get().p99Micros();
        return throughput == Verdict.PASS && confirmsNoSlower ? Verdict.PASS : Verdict.FAIL;
    }

    /** Judged once PerfTest is warm: the typical second's p50 and p99 (see {@link SteadyLatency}). */
    private Verdict latencyVerdict() {
        Optional<SteadyLatency> ours = ferrymq.steadyLatency();
        Optional<SteadyLatency> theirs = rabbitmq.steadyLatency();
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Verdict.NO_DATA;
        }
        boolean noWorse = ours.get().p50Micros() <= theirs.get().p50Micros()
                && ours.get().p99Micros() <= theirs.get().p99Micros();
        return noWorse ? Verdict.PASS : Verdict.FAIL;
    }

    public String target() {
        return switch (scenario.kind()) {
            case THROUGHPUT -> "≥ " + THROUGHPUT_TARGET + "× msg/s";
            case LATENCY -> "steady p50 & p99 ≤ RabbitMQ";
            case PERSISTENT -> "≥ " + THROUGHPUT_TARGET + "× msg/s & confirm p99 ≤ RabbitMQ";
        };
    }
}
