package org.ferrymq.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One PerfTest workload, run the same way against each broker. Every run uses exchange and
 * queue names of its own (derived from a run tag) so runs never see each other's leftovers on
 * a shared broker.
 *
 * <p>{@link Kind#THROUGHPUT} and {@link Kind#LATENCY} runs send transient, auto-acked messages
 * to auto-delete queues. {@link Kind#PERSISTENT} runs send persistent messages to a durable
 * queue with publisher confirms (at most {@value #CONFIRM_WINDOW} outstanding per producer),
 * consumers ack manually (one multiple-ack every {@value #ACK_EVERY}) with a prefetch of
 * {@value #PREFETCH}; their queue survives the run, so the harness deletes it afterwards.
 *
 * @param id            short name used in logs and on the command line ({@code --scenarios})
 * @param title         what the table shows
 * @param kind          which figures matter and how messages are sent and acked
 * @param exchangeType  direct, fanout or topic
 * @param queues        queues bound to the exchange; consumers are spread over them
 * @param rateLimit     producer msg/s limit, 0 for none
 */
public record BrokerScenario(String id, String title, Kind kind, int producers, int consumers,
                             int sizeBytes, String exchangeType, int queues, int rateLimit) {

    static final int CONFIRM_WINDOW = 100;
    static final int ACK_EVERY = 100;
    static final int PREFETCH = 200;

    public enum Kind {
        /** transient messages, flat out: msg/s matters */
        THROUGHPUT,
        /** transient messages at a fixed rate: consumer latency matters */
        LATENCY,
        /** persistent messages, confirms and manual acks, flat out: msg/s and confirm latency matter */
        PERSISTENT
    }

    /** The five scenarios of the broker benchmark, in the order they run and are reported. */
    public static List<BrokerScenario> standard() {
        return List.of(
                new BrokerScenario("direct-16b", "1 → 1, 16 B, direct queue", Kind.THROUGHPUT, 1, 1, 16, "direct", 1, 0),
                new BrokerScenario("direct-1k", "1 → 1, 1 KiB, direct queue", Kind.THROUGHPUT, 1, 1, 1024, "direct", 1, 0),
                new BrokerScenario("fanout-4", "1 → 4, 16 B, fanout, 4 queues", Kind.THROUGHPUT, 1, 4, 16, "fanout", 4, 0),
                new BrokerScenario("topic-4", "1 → 4, 16 B, topic, 4 queues", Kind.THROUGHPUT, 1, 4, 16, "topic", 4, 0),
                new BrokerScenario("latency-5k", "latency at 5,000 msg/s, 1 → 1, 16 B", Kind.LATENCY, 1, 1, 16, "direct", 1, 5000));
    }

    /** The four scenarios of the durability benchmark: persistent messages on one durable queue. */
    public static List<BrokerScenario> durability() {
        return List.of(
                new BrokerScenario("persistent-16b", "persistent, 1 → 1, 16 B", Kind.PERSISTENT, 1, 1, 16, "direct", 1, 0),
                new BrokerScenario("persistent-4k", "persistent, 1 → 1, 4 KiB", Kind.PERSISTENT, 1, 1, 4096, "direct", 1, 0),
                new BrokerScenario("persistent-16b-4x4", "persistent, 4 → 4, 16 B", Kind.PERSISTENT, 4, 4, 16, "direct", 1, 0),
                new BrokerScenario("persistent-4k-4x4", "persistent, 4 → 4, 4 KiB", Kind.PERSISTENT, 4, 4, 4096, "direct", 1, 0));
    }

    /** Latency runs last {@value #LATENCY_RUN_FACTOR}× longer, so most of each is past PerfTest's own warm-up. */
    public static final int LATENCY_RUN_FACTOR = 3;

    /** How long one run of this scenario lasts when the benchmark's run length is {@code seconds}. */
    public int runSeconds(int seconds) {
        return kind == Kind.LATENCY ? seconds * LATENCY_RUN_FACTOR : seconds;
    }

    public String exchangeName(String runTag) {
        return "bench-" + runTag + "-x";
    }

    /** The names of the queues a run declares (for deleting the durable ones afterwards). */
    public List<String> queueNames(String runTag) {
        if (queues == 1) {
            return List.of("bench-" + runTag + "-q");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= queues; i++) {
            names.add("bench-" + runTag + "-q" + i);
        }
        return names;
    }

    /** PerfTest's command-line arguments for one run of this scenario against {@code uri}. */
    public List<String> perfTestArguments(String uri, String runTag, int seconds) {
        List<String> args = new ArrayList<>(List.of(
                "--uri", uri,
                "--id", runTag,
                "--producers", Integer.toString(producers),
                "--consumers", Integer.toString(consumers),
                "--size", Integer.toString(sizeBytes),
                "--time", Integer.toString(seconds),
                "--type", exchangeType,
                "--exchange", exchangeName(runTag),
                // every queue is bound with this key and the producer publishes with it
                "--routing-key", "bench." + runTag));
        if (kind == Kind.PERSISTENT) {
            // PerfTest declares its queues durable; not auto-delete, so the queue and its
            // messages outlive a consumer that stops first, as a real durable queue would
            args.addAll(List.of(
                    "--auto-delete", "false",
                    "--flag", "persistent",
                    "--confirm", Integer.toString(CONFIRM_WINDOW),
                    "--multi-ack-every", Integer.toString(ACK_EVERY),
                    "--qos", Integer.toString(PREFETCH)));
        } else {
            args.addAll(List.of("--autoack", "--auto-delete", "true"));
        }
        if (queues == 1) {
            args.addAll(List.of("--queue", queueNames(runTag).get(0)));
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
