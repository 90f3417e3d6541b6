package org.ferrymq.bench.jms;

import java.util.List;
import java.util.Optional;

/**
 * One JMS workload: where messages go, how they are sent and how they are acknowledged.
 * Every message is a 16-character TextMessage carrying a sequence number, so each run can
 * check that every message arrived exactly once.
 *
 * @param id          short name for options, queue names and the run table
 * @param title       what the table says
 * @param topic       a topic with {@code subscribers} non-durable subscribers, else a queue with one consumer
 * @param persistent  PERSISTENT delivery mode, else NON_PERSISTENT
 * @param sendMode    synchronous, asynchronous (CompletionListener) or transacted sends
 * @param window      async: messages in flight; transacted: messages per commit; else unused
 * @param ackMode     how the consumers acknowledge
 * @param ackEvery    CLIENT_ACKNOWLEDGE / transacted consumer: messages per acknowledge or commit
 * @param ratePerSecond 0 = the producer sends flat out; otherwise it is paced at this rate
 * @param blockOnDurableSend whether a synchronous PERSISTENT send waits for the broker to have the message,
 *                    as JMS asks (FerryMQ's and Artemis's default; their option of this name); false
 *                    measures such sends the way the RabbitMQ JMS client always makes them
 */
public record JmsScenario(String id, String title, Kind kind, boolean topic, int subscribers, boolean persistent,
                          SendMode sendMode, int window, AckMode ackMode, int ackEvery, int ratePerSecond,
                          boolean blockOnDurableSend) {

    public enum Kind { THROUGHPUT, LATENCY }

    public enum SendMode { SYNC, ASYNC, TRANSACTED }

    public enum AckMode { AUTO, CLIENT_EVERY_N, TRANSACTED_EVERY_N }

    public static final int BODY_CHARS = 16;

    public static List<JmsScenario> standard() {
        return List.of(
                new JmsScenario("queue-np", "queue 1 → 1, non-persistent", Kind.THROUGHPUT,
                        false, 1, false, SendMode.SYNC, 0, AckMode.AUTO, 0, 0, true),
                new JmsScenario("queue-p", "queue 1 → 1, persistent", Kind.THROUGHPUT,
                        false, 1, true, SendMode.SYNC, 0, AckMode.AUTO, 0, 0, true),
                new JmsScenario("queue-p-nowait", "queue 1 → 1, persistent, sends that do not wait for the broker (blockOnDurableSend=false)",
                        Kind.THROUGHPUT, false, 1, true, SendMode.SYNC, 0, AckMode.AUTO, 0, 0, false),
                new JmsScenario("async-1000", "queue 1 → 1, persistent, async send (CompletionListener), 1,000 in flight", Kind.THROUGHPUT,
                        false, 1, true, SendMode.ASYNC, 1_000, AckMode.AUTO, 0, 0, true),
                new JmsScenario("tx-100", "queue 1 → 1, persistent, transacted batches of 100 (producer and consumer)", Kind.THROUGHPUT,
                        false, 1, true, SendMode.TRANSACTED, 100, AckMode.TRANSACTED_EVERY_N, 100, 0, true),
                new JmsScenario("topic-4", "topic 1 → 4 subscribers, non-persistent", Kind.THROUGHPUT,
                        true, 4, false, SendMode.SYNC, 0, AckMode.AUTO, 0, 0, true),
                new JmsScenario("client-ack-100", "queue 1 → 1, non-persistent, CLIENT_ACKNOWLEDGE every 100", Kind.THROUGHPUT,
                        false, 1, false, SendMode.SYNC, 0, AckMode.CLIENT_EVERY_N, 100, 0, true),
                new JmsScenario("latency-5k", "latency at 5,000 msg/s, queue 1 → 1, non-persistent", Kind.LATENCY,
                        false, 1, false, SendMode.SYNC, 0, AckMode.AUTO, 0, 5_000, true));
    }

    /** True when synchronous PERSISTENT sends are what this scenario measures and they wait for the broker. */
    public boolean waitsForBrokerOnSyncPersistentSends() {
        return persistent && sendMode == SendMode.SYNC && blockOnDurableSend;
    }

    /**
     * The standard scenario with this one's workload whose sends do not wait for the broker
     * ({@code queue-p} → {@code queue-p-nowait}): the like-for-like figure against a provider that never waits.
     */
    public Optional<JmsScenario> noWaitCounterpart() {
        if (!blockOnDurableSend) {
            return Optional.empty();
        }
        return standard().stream().filter(s -> !s.blockOnDurableSend() && s.sameWorkload(this)).findFirst();
    }

    private boolean sameWorkload(JmsScenario other) {
        return kind == other.kind && topic == other.topic && subscribers == other.subscribers && persistent == other.persistent
                && sendMode == other.sendMode && window == other.window && ackMode == other.ackMode
                && ackEvery == other.ackEvery && ratePerSecond == other.ratePerSecond;
    }

    /** Sessions of the consumers: transacted or not, and their acknowledge mode. */
    boolean consumerTransacted() {
        return ackMode == AckMode.TRANSACTED_EVERY_N;
    }

    int consumerSessionMode() {
        return switch (ackMode) {
            case AUTO -> jakarta.jms.Session.AUTO_ACKNOWLEDGE;
            case CLIENT_EVERY_N -> jakarta.jms.Session.CLIENT_ACKNOWLEDGE;
            case TRANSACTED_EVERY_N -> jakarta.jms.Session.SESSION_TRANSACTED;
        };
    }
}
