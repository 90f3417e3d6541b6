package org.ferrymq.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One PerfTest workload, run the same way against each broker. All messages are transient and
 * auto-acked; every run uses exchange and queue names of its own (derived from a run tag) so
 * runs never see each other's leftovers on a shared broker.
 *
 * @param id            short name used in logs and on the command line ({@code --scenarios})
 * @param title         what the table shows
 * @param kind          whether the figure that matters is msg/s or latency
 * @param exchangeType  direct, fanout or topic
 * @param queues        queues bound to the exchange; consumers are spread over them
 * @param rateLimit     producer msg/s limit, 0 for none
 */
public record BrokerScenario(String id, String title, Kind kind, int producers, int consumers,
                             int sizeBytes, String exchangeType, int queues, int rateLimit) {

    public enum Kind { THROUGHPUT, LATENCY }

    /** The five scenarios of the broker benchmark, in the order they run and are reported. */
    public static List<BrokerScenario> standard() {
        return List.of(
                new BrokerScenario("direct-16b", "1 → 1, 16 B, direct queue", Kind.THROUGHPUT, 1, 1, 16, "direct", 1, 0),
                new BrokerScenario("direct-1k", "1 → 1, 1 KiB, direct queue", Kind.THROUGHPUT, 1, 1, 1024, "direct", 1, 0),
                new BrokerScenario("fanout-4", "1 → 4, 16 B, fanout, 4 queues", Kind.THROUGHPUT, 1, 4, 16, "fanout", 4, 0),
                new BrokerScenario("topic-4", "1 → 4, 16 B, topic, 4 queues", Kind.THROUGHPUT, 1, 4, 16, "topic", 4, 0),
                new BrokerScenario("latency-5k", "latency at 5,000 msg/s, 1 → 1, 16 B", Kind.LATENCY, 1, 1, 16, "direct", 1, 5000));
    }

    public String exchangeName(String runTag) {
        return "bench-" + runTag + "-x";
    }

    /** PerfTest's command-line arguments for one run of this scenario against {@code uri}. */
    public List<String> perfTestArguments(String uri, String runTag, int seconds) {
        List<String> args = new ArrayList<>(List.of(
                "--uri", uri,
                "--id", runTag,
                "--producers", Integer.toString(producers),
                "--consumers", Integer.toString(consumers),
                "--size", Integer.toString(sizeBytes),
                "--autoack",
                "--time", Integer.toString(seconds),
                "--type", exchangeType,
                "--exchange", exchangeName(runTag),
                // every queue is bound with this key and the producer publishes with it
                "--routing-key", "bench." + runTag,
                "--auto-delete", "true"));
        if (queues == 1) {
            args.addAll(List.of("--queue", "bench-" + runTag + "-q"));
        } else {
            args.addAll(List.of(
                    "--queue-pattern", "bench-" + runTag + "-q%d",
                    "--queue-pattern-from", "1",
                    "--queue-pattern-to", Integer.toString(queues)));
        }
        if (rateLimit > 0) {
            args.addAll(List.of("--rate", Integer.toString(rateLimit)));
        }
        return args;
    }
}
