package org.ferrymq.bench.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.ferrymq.bench.ConsumerLatency;
import org.ferrymq.bench.Verdict;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {
    static final JmsScenario QUEUE = JmsScenario.standard().get(0);
    static final JmsScenario LATENCY = JmsScenario.standard().get(6);

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
