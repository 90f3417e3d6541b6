package org.ferrymq.bench;

import java.time.Instant;
import java.util.List;

/**
 * Everything one harness run found, ready to render.
 *
 * @param ferrymqSide  how the FerryMQ half was provided (child JVM, external URI, or why it failed)
 * @param rabbitmqSide which RabbitMQ answered, from its server properties
 * @param runs         every measurement in the order it ran
 * @param load         how busy the machine was
 */
public record BenchReport(Instant startedAt, MachineDescription machine, BenchOptions options,
                          String ferrymqSide, String rabbitmqSide, List<ScenarioResult> results,
                          List<Measurement> runs, LoadAverages load) {

    /** 1-minute load averages when the measurements began and ended (other work on the machine shows here). */
    public record LoadAverages(double atStart, double atEnd) {
    }

    public BenchReport {
        results = List.copyOf(results);
        runs = List.copyOf(runs);
    }

    /** Groups measurements by scenario, keeping the scenarios' order. */
    public static List<ScenarioResult> summarise(List<BrokerScenario> scenarios, List<Measurement> runs) {
        return scenarios.stream()
                .map(s -> new ScenarioResult(s,
                        new BrokerFigures(runs.stream().filter(m -> m.scenario().equals(s) && m.broker() == Broker.FERRYMQ).toList()),
                        new BrokerFigures(runs.stream().filter(m -> m.scenario().equals(s) && m.broker() == Broker.RABBITMQ).toList())))
                .toList();
    }
}
