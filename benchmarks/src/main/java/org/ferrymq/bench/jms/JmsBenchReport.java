package org.ferrymq.bench.jms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ferrymq.bench.BenchReport;
import org.ferrymq.bench.MachineDescription;

/**
 * Everything one JMS harness run found, ready to render.
 *
 * @param targetSides for each target taking part: what it was (broker, version, address) or why it was not available
 */
public record JmsBenchReport(Instant startedAt, MachineDescription machine, JmsBenchOptions options,
                             Map<TargetId, String> targetSides, List<JmsScenarioResult> results,
                             List<JmsMeasurement> runs, BenchReport.LoadAverages load) {

    public JmsBenchReport {
        targetSides = Map.copyOf(targetSides);
        results = List.copyOf(results);
        runs = List.copyOf(runs);
    }
}
