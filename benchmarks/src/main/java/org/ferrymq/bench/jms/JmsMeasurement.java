package org.ferrymq.bench.jms;

/**
 * One run of one scenario against one target: its figures, or why there are none.
 *
 * @param figures null when the run failed
 * @param failure null when the run succeeded
 */
public record JmsMeasurement(JmsScenario scenario, TargetId target, int repetition, RunFigures figures, String failure) {

    public static JmsMeasurement succeeded(JmsScenario scenario, TargetId target, int repetition, RunFigures figures) {
        return new JmsMeasurement(scenario, target, repetition, figures, null);
    }

    public static JmsMeasurement failed(JmsScenario scenario, TargetId target, int repetition, String failure) {
        return new JmsMeasurement(scenario, target, repetition, null, failure);
    }

    public boolean ok() {
        return figures != null;
    }
}
