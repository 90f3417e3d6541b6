package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ScenarioResultTest {
    private static final BrokerScenario THROUGHPUT = BrokerScenario.standard().get(0);
    private static final BrokerScenario LATENCY = BrokerScenario.standard().get(4);

    @Test
    void throughputPassesAtTwiceRabbitMq() {
        assertEquals(Verdict.PASS, result(THROUGHPUT, run(Broker.FERRYMQ, 200, 1, 1), run(Broker.RABBITMQ, 100, 1, 1)).verdict());
        assertEquals(Verdict.FAIL, result(THROUGHPUT, run(Broker.FERRYMQ, 199, 1, 1), run(Broker.RABBITMQ, 100, 1, 1)).verdict());
    }

    @Test
    void ratioUsesTheMedianOfTheRepetitions() {
        ScenarioResult result = new ScenarioResult(THROUGHPUT,
                new BrokerFigures(List.of(run(Broker.FERRYMQ, 100, 1, 1), run(Broker.FERRYMQ, 300, 1, 1), run(Broker.FERRYMQ, 200, 1, 1))),
                new BrokerFigures(List.of(run(Broker.RABBITMQ, 100, 1, 1))));

        assertEquals(2.0, result.ratio().getAsDouble(), 1e-9);
    }

    @Test
    void latencyPassesOnlyWhenBothSteadyPercentilesAreNoWorse() {
        assertEquals(Verdict.PASS, result(LATENCY, steady(Broker.FERRYMQ, 100, 900), steady(Broker.RABBITMQ, 100, 900)).verdict());
        assertEquals(Verdict.FAIL, result(LATENCY, steady(Broker.FERRYMQ, 90, 901), steady(Broker.RABBITMQ, 100, 900)).verdict());
        assertEquals(Verdict.FAIL, result(LATENCY, steady(Broker.FERRYMQ, 101, 800), steady(Broker.RABBITMQ, 100, 900)).verdict());
    }

    @Test
    void theWarmUpSecondsDoNotDecideTheLatencyVerdict() {
        // FerryMQ's run had a slower start, RabbitMQ's a slower steady state
        Measurement ferry = Measurement.succeeded(LATENCY, Broker.FERRYMQ, 1, withSeconds(
                List.of(second(1, 9_000, 30_000), second(2, 4_000, 20_000), second(6, 150, 800), second(7, 140, 700), second(8, 160, 900))));
        Measurement rabbit = Measurement.succeeded(LATENCY, Broker.RABBITMQ, 1, withSeconds(
                List.of(second(1, 300, 9_000), second(2, 250, 3_000), second(6, 260, 1_100), second(7, 250, 1_000), second(8, 270, 1_200))));
        ScenarioResult result = result(LATENCY, ferry, rabbit);
        assertEquals(Verdict.PASS, result.verdict());
        assertEquals(Optional.of(new SteadyLatency(150, 800, 900, 3)), result.ferrymq().steadyLatency());
        assertEquals("steady p50 & p99 ≤ RabbitMQ", result.target());
    }

    @Test
    void aLatencyRunWithoutSecondsPastTheWarmUpGivesNoVerdict() {
        Measurement shortRun = Measurement.succeeded(LATENCY, Broker.FERRYMQ, 1, withSeconds(List.of(second(1, 100, 200))));
        assertEquals(Verdict.NO_DATA, result(LATENCY, shortRun, steady(Broker.RABBITMQ, 100, 900)).verdict());
    }

    private static SecondLatency second(double end, long p50, long p99) {
        return new SecondLatency(end, p50, p99);
    }

    private static PerfTestSummary withSeconds(List<SecondLatency> seconds) {
        return new PerfTestSummary(5000, 5000, Optional.of(new ConsumerLatency(1, 1)), Optional.empty(), seconds);
    }

    /** A latency run whose every second after the warm-up had these percentiles. */
    private static Measurement steady(Broker broker, long p50, long p99) {
        return Measurement.succeeded(LATENCY, broker, 1, withSeconds(List.of(second(6, p50, p99), second(7, p50, p99))));
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
        assertEquals(Verdict.PASS, result(persistent, confirmed(Broker.FERRYMQ, 200, 5_000), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals(Verdict.FAIL, result(persistent, confirmed(Broker.FERRYMQ, 300, 5_001), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals(Verdict.FAIL, result(persistent, confirmed(Broker.FERRYMQ, 199, 1_000), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals(Verdict.NO_DATA, result(persistent, run(Broker.FERRYMQ, 300, 1, 1), confirmed(Broker.RABBITMQ, 100, 5_000)).verdict());
        assertEquals("≥ 2.0× msg/s & confirm p99 ≤ RabbitMQ", result(persistent, run(Broker.FERRYMQ, 1, 1, 1), run(Broker.RABBITMQ, 1, 1, 1)).target());
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
