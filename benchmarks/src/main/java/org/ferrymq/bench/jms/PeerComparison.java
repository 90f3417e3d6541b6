package org.ferrymq.bench.jms;

import java.util.Optional;
import java.util.OptionalDouble;

import org.ferrymq.bench.ConsumerLatency;
import org.ferrymq.bench.Verdict;

/**
 * A FerryMQ transport against the peer it must beat, and by how much: FerryMQ vm:// at least
 * as fast as Artemis in-VM, FerryMQ amqp:// at least twice as fast as the RabbitMQ JMS client.
 * In the latency scenario (fixed rate) the target is instead p50 and p99 no worse than the
 * peer's. A FerryMQ run that lost or duplicated a message fails whatever its speed.
 */
public record PeerComparison(TargetId ferrymq, TargetId peer, double throughputTarget) {

    public static final PeerComparison VM_VS_ARTEMIS = new PeerComparison(TargetId.FERRYMQ_VM, TargetId.ARTEMIS_INVM, 1.0);
    public static final PeerComparison AMQP_VS_RABBITMQ_JMS = new PeerComparison(TargetId.FERRYMQ_AMQP, TargetId.RABBITMQ_JMS, 2.0);

    public static java.util.List<PeerComparison> standard() {
        return java.util.List.of(VM_VS_ARTEMIS, AMQP_VS_RABBITMQ_JMS);
    }

    public OptionalDouble ratio(JmsScenarioResult result) {
        OptionalDouble ours = result.figures(ferrymq).deliverRate();
        OptionalDouble theirs = result.figures(peer).deliverRate();
        if (ours.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ours.getAsDouble() / theirs.getAsDouble());
    }

    public Verdict verdict(JmsScenarioResult result) {
        if (result.scenario().kind() == JmsScenario.Kind.THROUGHPUT) {
            OptionalDouble ratio = ratio(result);
            if (ratio.isEmpty()) {
                return Verdict.NO_DATA;
            }
            return ratio.getAsDouble() >= throughputTarget && result.figures(ferrymq).violations() == 0 ? Verdict.PASS : Verdict.FAIL;
        }
        Optional<ConsumerLatency> ours = result.figures(ferrymq).latency();
        Optional<ConsumerLatency> theirs = result.figures(peer).latency();
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Verdict.NO_DATA;
        }
        boolean noWorse = ours.get().p50Micros() <= theirs.get().p50Micros() && ours.get().p99Micros() <= theirs.get().p99Micros();
        return noWorse && result.figures(ferrymq).violations() == 0 ? Verdict.PASS : Verdict.FAIL;
    }

    /** "≥ 2.0×" or "p50 & p99 ≤ peer". */
    public String target(JmsScenario scenario) {
        return scenario.kind() == JmsScenario.Kind.THROUGHPUT ? "≥ " + throughputTarget + "×" : "p50 & p99 ≤ " + peer.displayName();
    }

    public String title() {
        return ferrymq.displayName() + " ÷ " + peer.displayName();
    }
}
