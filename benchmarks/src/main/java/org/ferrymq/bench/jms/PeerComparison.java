package org.ferrymq.bench.jms;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.ferrymq.bench.ConsumerLatency;
import org.ferrymq.bench.Verdict;

/**
 * A FerryMQ transport against the peer it must beat, and by how much: FerryMQ vm:// at least
 * as fast as Artemis in-VM, FerryMQ amqp:// at least twice as fast as the RabbitMQ JMS client.
 * In the latency scenario (fixed rate) the target is instead p50 and p99 no worse than the
 * peer's. A FerryMQ run that lost or duplicated a message fails whatever its speed.
 *
 * <p>Only like for like is judged: where FerryMQ's synchronous PERSISTENT sends wait for the
 * broker (as JMS asks) and the peer's never do, the ratio is shown but the verdict is
 * {@link Verdict#NOT_LIKE_FOR_LIKE}; the scenario whose sends do not wait is the one judged.
 *
 * @param peerBlocksOnDurableSend whether the peer's synchronous PERSISTENT sends wait for the broker
 *                                when a scenario asks them to (Artemis: yes, its blockOnDurableSend;
 *                                the RabbitMQ JMS client 3.7: no, never)
 */
public record PeerComparison(TargetId ferrymq, TargetId peer, double throughputTarget, boolean peerBlocksOnDurableSend) {

    public static final PeerComparison VM_VS_ARTEMIS = new PeerComparison(TargetId.FERRYMQ_VM, TargetId.ARTEMIS_INVM, 1.0, true);
    public static final PeerComparison AMQP_VS_RABBITMQ_JMS = new PeerComparison(TargetId.FERRYMQ_AMQP, TargetId.RABBITMQ_JMS, 2.0, false);

    public static List<PeerComparison> standard() {
        return List.of(VM_VS_ARTEMIS, AMQP_VS_RABBITMQ_JMS);
    }

    /** False when FerryMQ waits for the broker on this scenario's sends and the peer does not. */
    public boolean likeForLike(JmsScenario scenario) {
        return peerBlocksOnDurableSend || !scenario.waitsForBrokerOnSyncPersistentSends();
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
        boolean exactlyOnce = result.figures(ferrymq).violations() == 0;
        if (!likeForLike(result.scenario())) {
            // speed is not comparable here, exactly-once still is
            return exactlyOnce ? Verdict.NOT_LIKE_FOR_LIKE : Verdict.FAIL;
        }
        if (result.scenario().kind() == JmsScenario.Kind.THROUGHPUT) {
            OptionalDouble ratio = ratio(result);
            if (ratio.isEmpty()) {
                return Verdict.NO_DATA;
            }
            return ratio.getAsDouble() >= throughputTarget && exactlyOnce ? Verdict.PASS : Verdict.FAIL;
        }
        Optional<ConsumerLatency> ours = result.figures(ferrymq).latency();
        Optional<ConsumerLatency> theirs = result.figures(peer).latency();
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Verdict.NO_DATA;
        }
        boolean noWorse = ours.get().p50Micros() <= theirs.get().p50Micros() && ours.get().p99Micros() <= theirs.get().p99Micros();
        return noWorse && exactlyOnce ? Verdict.PASS : Verdict.FAIL;
    }

    /** The verdict's cell; one not judged points to the scenario that is ("— not like for like (see queue-p-nowait)"). */
    public String resultCell(JmsScenarioResult result) {
        Verdict verdict = verdict(result);
        if (verdict != Verdict.NOT_LIKE_FOR_LIKE) {
            return verdict.marker();
        }
        return verdict.marker() + result.scenario().noWaitCounterpart().map(s -> " (see " + s.id() + ")").orElse("");
    }

    /** "≥ 2.0×", "p50 & p99 ≤ peer", or why the scenario is not judged ("— RabbitMQ JMS does not wait"). */
    public String target(JmsScenario scenario) {
        if (!likeForLike(scenario)) {
            return "— " + peer.displayName() + " does not wait";
        }
        return scenario.kind() == JmsScenario.Kind.THROUGHPUT ? "≥ " + throughputTarget + "×" : "p50 & p99 ≤ " + peer.displayName();
    }

    public String title() {
        return ferrymq.displayName() + " ÷ " + peer.displayName();
    }
}
