package org.ferrymq.bench;

/**
 * One PerfTest run of one scenario against one broker: its summary, or why there is none.
 *
 * @param summary null when the run failed
 * @param failure null when the run succeeded
 */
public record Measurement(BrokerScenario scenario, Broker broker, int repetition,
                          PerfTestSummary summary, String failure) {

    public static Measurement succeeded(BrokerScenario scenario, Broker broker, int repetition, PerfTestSummary summary) {
        return new Measurement(scenario, broker, repetition, summary, null);
    }

    public static Measurement failed(BrokerScenario scenario, Broker broker, int repetition, String failure) {
        return new Measurement(scenario, broker, repetition, null, failure);
    }

    public boolean ok() {
        return summary != null;
    }
}
