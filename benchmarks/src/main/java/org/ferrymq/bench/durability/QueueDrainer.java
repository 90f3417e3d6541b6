package org.ferrymq.bench.durability;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Consumes a queue to the end with manual acks (one multiple-ack every {@value #ACK_EVERY}),
 * counting what arrives, to check that every message that was confirmed can be read back.
 *
 * <p>Threading: deliveries and acks happen on the client's consumer thread; the caller waits.
 */
public final class QueueDrainer {
    static final int ACK_EVERY = 100;
    private static final int PREFETCH = 1000;

    private final String uri;
    private final String queue;
    private final AtomicLong received = new AtomicLong();

    public QueueDrainer(String uri, String queue) {
        this.uri = uri;
        this.queue = queue;
    }

    /** @param redelivered messages flagged redelivered (after a crash the broker may redeliver) */
    public record Result(long received, long redelivered, Duration elapsed, boolean complete) {
        public double ratePerSecond() {
            return elapsed.isZero() ? 0 : received / (elapsed.toNanos() / 1e9);
        }
    }

    public long received() {
        return received.get();
    }

    /**
     * Consumes until {@code expected} messages have arrived, or nothing has arrived for
     * {@code idleTimeout}.
     */
    public Result drain(long expected, Duration idleTimeout) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IOException("bad URI " + uri, e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        AtomicLong redelivered = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        try (Connection connection = factory.newConnection("ferrymq-durability-bench-drainer")) {
            Channel channel = connection.createChannel();
            channel.basicQos(PREFETCH);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    long n = received.incrementAndGet();
                    if (envelope.isRedeliver()) {
                        redelivered.incrementAndGet();
                    }
                    if (n % ACK_EVERY == 0 || n >= expected) {
                        channel.basicAck(envelope.getDeliveryTag(), true);
                    }
                    if (n >= expected) {
                        done.countDown();
                    }
                }
            });
            long seen = -1;
            while (!done.await(idleTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                long now = received.get();
                if (now == seen) {
                    break;   // nothing for a whole idle period: the queue is empty or stuck
                }
                seen = now;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(received.get(), redelivered.get(), elapsed, received.get() >= expected);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot connect: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while draining");
        }
    }
}
