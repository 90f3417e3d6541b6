package org.ferrymq.bench.durability;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

/**
 * Fills a durable queue with persistent messages as fast as the broker confirms them: several
 * publishers, each on a connection of its own with publisher confirms and up to {@code window}
 * unconfirmed messages in flight. Counts only confirmed messages, so what it reports is what
 * the broker has promised to keep.
 *
 * <p>Threading: one thread per publisher; confirms arrive on the client's connection threads;
 * {@link #confirmed()} may be read from any thread (the RSS sampler does).
 */
public final class QueueFiller {
    private static final Duration CONFIRM_TIMEOUT = Duration.ofMinutes(5);

    private final String uri;
    private final String queue;
    private final int bodySize;
    private final int publishers;
    private final int window;
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong blockedNotices = new AtomicLong();
    private final AtomicLong blockedNanos = new AtomicLong();

    /**
     * @param window unconfirmed messages each publisher may have in flight
     */
    public QueueFiller(String uri, String queue, int bodySize, int publishers, int window) {
        this.uri = uri;
        this.queue = queue;
        this.bodySize = bodySize;
        this.publishers = publishers;
        this.window = window;
    }

    /**
     * What one fill did.
     *
     * @param blockedNotices how often the broker sent connection.blocked (memory or disk alarm)
     * @param blockedTime    how long publishers were blocked in total
     */
    public record Result(long confirmed, Duration elapsed, long blockedNotices, Duration blockedTime) {
        public double ratePerSecond() {
            return elapsed.isZero() ? 0 : confirmed / (elapsed.toNanos() / 1e9);
        }
    }

    /** Messages confirmed so far. */
    public long confirmed() {
        return confirmed.get();
    }

    /** Publishes {@code messages} and returns once every one is confirmed. */
    public Result fill(long messages) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(publishers, r -> {
            Thread t = new Thread(r, "queue-filler");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                long share = messages / publishers + (i < messages % publishers ? 1 : 0);
                running.add(pool.submit(() -> {
                    publish(share);
                    return null;
                }));
            }
            for (Future<Void> publisher : running) {
                publisher.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("publisher failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while filling");
        } finally {
            pool.shutdownNow();
        }
        return new Result(confirmed.get(), Duration.ofNanos(System.nanoTime() - start), blockedNotices.get(),
                Duration.ofNanos(blockedNanos.get()));
    }

    private void publish(long messages) throws Exception {
        byte[] body = new byte[bodySize];
        Arrays.fill(body, (byte) 'x');
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("ferrymq-durability-bench-publisher")) {
            long[] blockedSince = {0};
            connection.addBlockedListener(reason -> {
                blockedNotices.incrementAndGet();
                blockedSince[0] = System.nanoTime();
            }, () -> {
                if (blockedSince[0] != 0) {
                    blockedNanos.addAndGet(System.nanoTime() - blockedSince[0]);
                }
            });
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            Semaphore inFlight = new Semaphore(window);
            NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
            IOException[] nacked = {null};
            channel.addConfirmListener((tag, multiple) -> settle(unconfirmed, inFlight, tag, multiple, true),
                    (tag, multiple) -> {
                        nacked[0] = new IOException("broker nacked a publish (delivery tag " + tag + ")");
                        settle(unconfirmed, inFlight, tag, multiple, false);
                    });
            for (long i = 0; i < messages; i++) {
                if (!inFlight.tryAcquire(CONFIRM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new TimeoutException("no confirm for " + CONFIRM_TIMEOUT.toMinutes() + " minutes");
                }
                unconfirmed.add(channel.getNextPublishSeqNo());
                channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
            }
            if (!inFlight.tryAcquire(window, CONFIRM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new TimeoutException("the last confirms did not arrive within " + CONFIRM_TIMEOUT.toMinutes() + " minutes");
            }
            if (nacked[0] != null) {
                throw nacked[0];
            }
        }
    }

    private void settle(NavigableSet<Long> unconfirmed, Semaphore inFlight, long tag, boolean multiple, boolean ack) {
        int settled = 0;
        if (multiple) {
            NavigableSet<Long> upTo = unconfirmed.headSet(tag, true);
            while (upTo.pollFirst() != null) {
                settled++;
            }
        } else if (unconfirmed.remove(tag)) {
            settled = 1;
        }
        if (ack) {
            confirmed.addAndGet(settled);
        }
        inFlight.release(settled);
    }
}
