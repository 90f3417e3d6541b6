package org.ferrymq.bench.durability;

import java.io.IOException;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** The AMQP housekeeping of the durability benchmarks: declare, count and delete the queue. */
final class StoreAdmin {
    private StoreAdmin() {
    }

    static void declareDurableQueue(String uri, String queue) throws IOException {
        try (Connection connection = connect(uri); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** The queue's ready-message count from a passive declare. */
    static long messageCount(String uri, String queue) throws IOException {
        try (Connection connection = connect(uri); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    /**
     * Polls the count until it is {@code expected} or {@code timeout} passes; returns the last
     * count seen (acks are applied asynchronously, so a count may lag for a moment).
     */
    static long awaitCount(String uri, String queue, long expected, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = messageCount(uri, queue);
        while (count != expected && System.nanoTime() < deadline) {
            sleep(20);
            count = messageCount(uri, queue);
        }
        return count;
    }

    static void deleteQueueQuietly(String uri, String queue) {
        try (Connection connection = connect(uri); Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        } catch (Exception e) {
            // the data directory is deleted anyway
        }
    }

    private static Connection connect(String uri) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IOException("bad URI " + uri, e);
        }
        factory.setConnectionTimeout(10_000);
        factory.setAutomaticRecoveryEnabled(false);
        try {
            return factory.newConnection("ferrymq-durability-bench-admin");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
