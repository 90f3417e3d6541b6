package org.ferrymq.bench;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Both brokers' figures for one scenario and whether FerryMQ met its target there:
 * at least {@value #THROUGHPUT_TARGET}× RabbitMQ's delivery rate in a throughput scenario,
 * and p50 and p99 no worse than RabbitMQ's in the latency scenario.
 */
public record ScenarioResult(BrokerScenario scenario, BrokerFigures ferrymq, BrokerFigures rabbitmq) {
    public static final double THROUGHPUT_TARGET = 1.5;

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
        if (scenario.kind() == BrokerScenario.Kind.THROUGHPUT) {
            OptionalDouble ratio = ratio();
            if (ratio.isEmpty()) {
                return Verdict.NO_DATA;
            }
            return ratio.getAsDouble() >= THROUGHPUT_TARGET ? Verdict.PASS : Verdict.FAIL;
        }
        Optional<ConsumerLatency> ours = ferrymq.latency();
        Optional<ConsumerLatency> theirs = rabbitmq.latency();
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Verdict.NO_DATA;
        }
        boolean noWorse = ours.get().p50Micros() <= theirs.get().p50Micros()
                && ours.get().p99Micros() <= theirs.get().p99Micros();
        return noWorse ? Verdict.PASS : Verdict.FAIL;
    }

    public String target() {
        return scenario.kind() == BrokerScenario.Kind.THROUGHPUT
                ? "≥ " + THROUGHPUT_TARGET + "× msg/s"
                : "p50 & p99 ≤ RabbitMQ";
    }
}
