package org.ferrymq.bench.jms;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every target's figures in one scenario. */
public record JmsScenarioResult(JmsScenario scenario, Map<TargetId, TargetFigures> byTarget) {

    public JmsScenarioResult {
        byTarget = Map.copyOf(byTarget);
    }

    public TargetFigures figures(TargetId target) {
        return byTarget.getOrDefault(target, new TargetFigures(target, List.of()));
    }

    /** Groups runs by scenario (keeping the scenarios' order) and target. */
    public static List<JmsScenarioResult> summarise(List<JmsScenario> scenarios, List<JmsMeasurement> runs) {
        return scenarios.stream()
                .map(s -> new JmsScenarioResult(s, Stream.of(TargetId.values())
                        .map(t -> new TargetFigures(t, runs.stream()
                                .filter(m -> m.scenario().equals(s) && m.target() == t).toList()))
                        .collect(Collectors.toMap(TargetFigures::target, Function.identity()))))
                .toList();
    }
}
