package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.ferrymq.bench.ConsumerLatency;
import org.ferrymq.bench.Verdict;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {
    static final JmsScenario QUEUE = scenario("queue-np");
    static final JmsScenario LATENCY = scenario("latency-5k");
    static final JmsScenario QUEUE_P = scenario("queue-p");
    static final JmsScenario QUEUE_P_NOWAIT = scenario("queue-p-nowait");

    @Test
    void throughputTargetIsARatioOfMedianDeliveryRates() {
        JmsScenarioResult result = result(QUEUE,
                ok(QUEUE, TargetId.FERRYMQ_AMQP, 1, 21_000, 0), ok(QUEUE, TargetId.FERRYMQ_AMQP, 2, 19_000, 0),
                ok(QUEUE, TargetId.RABBITMQ_JMS, 1, 10_000, 0), ok(QUEUE, TargetId.RABBITMQ_JMS, 2, 10_000, 0));
        assertEquals(2.0, PeerComparison.AMQP_VS_RABBITMQ_JMS.ratio(result).getAsDouble(), 1e-9);
        assertEquals(Verdict.PASS, PeerComparison.AMQP_VS_RABBITMQ_JMS.verdict(result));
        assertEquals(Verdict.NO_DATA, PeerComparison.VM_VS_ARTEMIS.verdict(result));
    }

    @Test
    void aFastButLossyFerryMqFails() {
        JmsScenarioResult result = result(QUEUE, ok(QUEUE, TargetId.FERRYMQ_VM, 1, 50_000, 3), ok(QUEUE, TargetId.ARTEMIS_INVM, 1, 10_000, 0));
        assertEquals(Verdict.FAIL, PeerComparison.VM_VS_ARTEMIS.verdict(result));
    }

    @Test
    void theLatencyScenarioComparesP50AndP99() {
        JmsScenarioResult better = result(LATENCY, latency(TargetId.FERRYMQ_VM, 200, 900), latency(TargetId.ARTEMIS_INVM, 300, 900));
        JmsScenarioResult worseTail = result(LATENCY, latency(TargetId.FERRYMQ_VM, 200, 1_000), latency(TargetId.ARTEMIS_INVM, 300, 900));
        assertEquals(Verdict.PASS, PeerComparison.VM_VS_ARTEMIS.verdict(better));
        assertEquals(Verdict.FAIL, PeerComparison.VM_VS_ARTEMIS.verdict(worseTail));
        assertEquals("p50 & p99 ≤ Artemis in-VM", PeerComparison.VM_VS_ARTEMIS.target(LATENCY));
        assertEquals("≥ 1.0×", PeerComparison.VM_VS_ARTEMIS.target(QUEUE));
    }

    @Test
    void queuePAgainstTheRabbitMqJmsClientShowsItsRatioButIsNotJudged() {
        JmsScenarioResult result = result(QUEUE_P, ok(QUEUE_P, TargetId.FERRYMQ_AMQP, 1, 3_000, 0), ok(QUEUE_P, TargetId.RABBITMQ_JMS, 1, 10_000, 0));
        PeerComparison amqp = PeerComparison.AMQP_VS_RABBITMQ_JMS;
        assertFalse(amqp.likeForLike(QUEUE_P));
        assertEquals(0.3, amqp.ratio(result).getAsDouble(), 1e-9);
        assertEquals(Verdict.NOT_LIKE_FOR_LIKE, amqp.verdict(result));
        assertEquals("— not like for like (see queue-p-nowait)", amqp.resultCell(result));
        assertEquals("— RabbitMQ JMS does not wait", amqp.target(QUEUE_P));
    }

    @Test
    void aLossyFerryMqFailsEvenWhereSpeedIsNotComparable() {
        JmsScenarioResult result = result(QUEUE_P, ok(QUEUE_P, TargetId.FERRYMQ_AMQP, 1, 3_000, 2), ok(QUEUE_P, TargetId.RABBITMQ_JMS, 1, 10_000, 0));
        assertEquals(Verdict.FAIL, PeerComparison.AMQP_VS_RABBITMQ_JMS.verdict(result));
        assertEquals("❌ fail", PeerComparison.AMQP_VS_RABBITMQ_JMS.resultCell(result));
    }

    @Test
    void queuePNowaitIsJudgedAgainstTheRabbitMqJmsClientWithTwiceItsRate() {
        PeerComparison amqp = PeerComparison.AMQP_VS_RABBITMQ_JMS;
        JmsScenarioResult twice = result(QUEUE_P_NOWAIT,
                ok(QUEUE_P_NOWAIT, TargetId.FERRYMQ_AMQP, 1, 20_000, 0), ok(QUEUE_P_NOWAIT, TargetId.RABBITMQ_JMS, 1, 10_000, 0));
        JmsScenarioResult less = result(QUEUE_P_NOWAIT,
                ok(QUEUE_P_NOWAIT, TargetId.FERRYMQ_AMQP, 1, 19_000, 0), ok(QUEUE_P_NOWAIT, TargetId.RABBITMQ_JMS, 1, 10_000, 0));
        assertTrue(amqp.likeForLike(QUEUE_P_NOWAIT));
        assertEquals("≥ 2.0×", amqp.target(QUEUE_P_NOWAIT));
        assertEquals(Verdict.PASS, amqp.verdict(twice));
        assertEquals("✅ pass", amqp.resultCell(twice));
        assertEquals(Verdict.FAIL, amqp.verdict(less));
    }

    @Test
    void queuePAgainstArtemisIsJudgedNormallySinceArtemisWaitsToo() {
        PeerComparison vm = PeerComparison.VM_VS_ARTEMIS;
        JmsScenarioResult slower = result(QUEUE_P, ok(QUEUE_P, TargetId.FERRYMQ_VM, 1, 250, 0), ok(QUEUE_P, TargetId.ARTEMIS_INVM, 1, 286, 0));
        JmsScenarioResult faster = result(QUEUE_P, ok(QUEUE_P, TargetId.FERRYMQ_VM, 1, 300, 0), ok(QUEUE_P, TargetId.ARTEMIS_INVM, 1, 286, 0));
        assertTrue(vm.likeForLike(QUEUE_P));
        assertEquals("≥ 1.0×", vm.target(QUEUE_P));
        assertEquals(Verdict.FAIL, vm.verdict(slower));
        assertEquals(Verdict.PASS, vm.verdict(faster));
        assertTrue(vm.likeForLike(QUEUE_P_NOWAIT));
    }

    @Test
    void onlyQueuePAgainstTheRabbitMqJmsClientIsLeftUnjudged() {
        for (JmsScenario scenario : JmsScenario.standard()) {
            assertTrue(PeerComparison.VM_VS_ARTEMIS.likeForLike(scenario), scenario.id());
            assertEquals(!scenario.id().equals("queue-p"), PeerComparison.AMQP_VS_RABBITMQ_JMS.likeForLike(scenario), scenario.id());
        }
    }

    @Test
    void everyScenarioButQueuePNowaitWaitsForTheBrokerAndOnlyQueuePHasANowaitCounterpart() {
        for (JmsScenario scenario : JmsScenario.standard()) {
            assertEquals(!scenario.id().equals("queue-p-nowait"), scenario.blockOnDurableSend(), scenario.id());
            assertEquals(scenario.id().equals("queue-p") ? Optional.of(QUEUE_P_NOWAIT) : Optional.empty(),
                    scenario.noWaitCounterpart(), scenario.id());
        }
        assertEquals(List.of("queue-np", "queue-p", "queue-p-nowait"),
                JmsScenario.standard().subList(0, 3).stream().map(JmsScenario::id).toList());
    }

    static JmsScenario scenario(String id) {
        return JmsScenario.standard().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    static JmsScenarioResult result(JmsScenario scenario, JmsMeasurement... runs) {
        return JmsScenarioResult.summarise(List.of(scenario), List.of(runs)).get(0);
    }

    /** A 1-second run delivering {@code rate} messages with {@code missing} of them lost. */
    static JmsMeasurement ok(JmsScenario scenario, TargetId target, int repetition, long rate, long missing) {
        return JmsMeasurement.succeeded(scenario, target, repetition,
                new RunFigures(rate + missing, 0, rate, 0, missing, 0, 1.0, 1.0, Optional.of(new ConsumerLatency(400, 2_500)), false));
    }

    static JmsMeasurement latency(TargetId target, long p50, long p99) {
        return JmsMeasurement.succeeded(LATENCY, target, 1,
                new RunFigures(5_000, 0, 5_000, 0, 0, 0, 1.0, 1.0, Optional.of(new ConsumerLatency(p50, p99)), false));
    }
}
