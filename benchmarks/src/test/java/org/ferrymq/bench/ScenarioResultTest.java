package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ScenarioResultTest {
    private static final BrokerScenario THROUGHPUT = BrokerScenario.standard().get(0);
    private static final BrokerScenario LATENCY = BrokerScenario.standard().get(4);

    @Test
    void throughputPassesAtOneAndAHalfTimesRabbitMq() {
        assertEquals(Verdict.PASS, result(THROUGHPUT, run(Broker.FERRYMQ, 150, 1, 1), run(Broker.RABBITMQ, 100, 1, 1)).verdict());
        assertEquals(Verdict.FAIL, result(THROUGHPUT, run(Broker.FERRYMQ, 149, 1, 1), run(Broker.RABBITMQ, 100, 1, 1)).verdict());
    }

    @Test
    void ratioUsesTheMedianOfTheRepetitions() {
        ScenarioResult result = new ScenarioResult(THROUGHPUT,
                new BrokerFigures(List.of(run(Broker.FERRYMQ, 100, 1, 1), run(Broker.FERRYMQ, 300, 1, 1), run(Broker.FERRYMQ, 200, 1, 1))),
                new BrokerFigures(List.of(run(Broker.RABBITMQ, 100, 1, 1))));

        assertEquals(2.0, result.ratio().getAsDouble(), 1e-9);
    }

    @Test
    void latencyPassesOnlyWhenBothPercentilesAreNoWorse() {
        assertEquals(Verdict.PASS, result(LATENCY, run(Broker.FERRYMQ, 5000, 100, 900), run(Broker.RABBITMQ, 5000, 100, 900)).verdict());
        assertEquals(Verdict.FAIL, result(LATENCY, run(Broker.FERRYMQ, 5000, 90, 901), run(Broker.RABBITMQ, 5000, 100, 900)).verdict());
        assertEquals(Verdict.FAIL, result(LATENCY, run(Broker.FERRYMQ, 5000, 101, 800), run(Broker.RABBITMQ, 5000, 100, 900)).verdict());
    }

    @Test
    void aBrokerThatNeverRanGivesNoVerdict() {
        Measurement failed = Measurement.failed(THROUGHPUT, Broker.FERRYMQ, 1, "broker failed to start: nope");
        ScenarioResult result = result(THROUGHPUT, failed, run(Broker.RABBITMQ, 100, 1, 1));

        assertEquals(Verdict.NO_DATA, result.verdict());
        assertEquals(Optional.of("broker failed to start: nope"), result.ferrymq().failure());
    }

    @Test
    void persistentScenarioNeedsTheRateAndAConfirmP99NoWorseThanRabbitMqs() {
        BrokerScenario persistent = BrokerScenario.durability().get(0);
        assertEquals(Verdict.PASS, result(persistent, confirmed(Broker.FERRYMQ, 150, 5_000), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals(Verdict.FAIL, result(persistent, confirmed(Broker.FERRYMQ, 300, 5_001), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals(Verdict.FAIL, result(persistent, confirmed(Broker.FERRYMQ, 140, 1_000), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals(Verdict.NO_DATA, result(persistent, run(Broker.FERRYMQ, 300, 1, 1), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals("≥ 1.5× msg/s & confirm p99 ≤ RabbitMQ", result(persistent, run(Broker.FERRYMQ, 1, 1, 1), run(Broker.RABBITMQ, 1, 1, 1)).target());
    }

    private static Measurement confirmed(Broker broker, double rate, long confirmP99) {
        return Measurement.succeeded(BrokerScenario.durability().get(0), broker, 1,
                new PerfTestSummary(rate, rate, Optional.empty(), Optional.of(new ConfirmLatency(confirmP99 / 2, confirmP99))));
    }

    private static ScenarioResult result(BrokerScenario scenario, Measurement ferry, Measurement rabbit) {
        return new ScenarioResult(scenario, new BrokerFigures(List.of(ferry)), new BrokerFigures(List.of(rabbit)));
    }

    private static Measurement run(Broker broker, double rate, long p50, long p99) {
        return Measurement.succeeded(THROUGHPUT, broker, 1,
                new PerfTestSummary(rate, rate, Optional.of(new ConsumerLatency(p50, p99))));
    }
}
