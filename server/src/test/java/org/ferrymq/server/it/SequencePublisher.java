package org.ferrymq.server.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Publishes persistent messages numbered by the ledger (header {@code seq}, and the body) to one
 * queue with publisher confirms, at most {@value #IN_FLIGHT} unconfirmed at a time and at most
 * {@value #MAX_PER_SECOND} a second (so that the run stays the same size on a fast machine), until
 * stopped or until its connection dies (the broker was killed). Runs on a thread of its own.
 */
final class SequencePublisher implements Runnable {
    static final String SEQ = "seq";
    private static final int IN_FLIGHT = 500;
    private static final int MAX_PER_SECOND = 8000;
    private static final String PADDING = "x".repeat(80);

    private final ConnectionFactory factory;
    private final String queue;
    private final SequenceLedger ledger;
    private final ConcurrentNavigableMap<Long, Long> unconfirmed = new ConcurrentSkipListMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    SequencePublisher(ConnectionFactory factory, String queue, SequenceLedger ledger) {
        this.factory = factory;
        this.queue = queue;
        this.ledger = ledger;
        this.thread = new Thread(this, "crash-it-publisher");
    }

    SequencePublisher start() {
        thread.start();
        return this;
    }

    /** Stops publishing and waits for the thread (the connection may already be dead). */
    void stop() throws InterruptedException {
        running = false;
        thread.join(15_000);
    }

    @Override
    public void run() {
        try (Connection connection = factory.newConnection("crash-it-publisher")) {
            Channel ch = connection.createChannel();
            ch.confirmSelect();
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    settle(tag, multiple).values().forEach(ledger::confirmed);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    settle(tag, multiple).values().forEach(seq -> ledger.nacked());
                }
            });
            long startNanos = System.nanoTime();
            long sent = 0;
            while (running && connection.isOpen()) {
                long allowed = (System.nanoTime() - startNanos) * MAX_PER_SECOND / 1_000_000_000L;
                if (unconfirmed.size() >= IN_FLIGHT || sent >= allowed) {
                    Thread.sleep(1);
                    continue;
                }
                long seq = ledger.nextSequence();
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                        .deliveryMode(2).headers(Map.of(SEQ, seq)).build();
                unconfirmed.put(ch.getNextPublishSeqNo(), seq);
                ch.basicPublish("", queue, props, (seq + ":" + PADDING).getBytes(StandardCharsets.UTF_8));
                ledger.published();
                sent++;
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // the broker went away: whatever was not confirmed may or may not be stored
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<Long, Long> settle(long tag, boolean multiple) {
        ConcurrentNavigableMap<Long, Long> settled = multiple ? unconfirmed.headMap(tag, true) : unconfirmed.subMap(tag, true, tag, true);
        Map<Long, Long> copy = Map.copyOf(settled);
        settled.clear();
        return copy;
    }
}
