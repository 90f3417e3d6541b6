package org.ferrymq.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue far bigger than the broker's heap: the server runs with {@code -Xmx256m}, a publisher
 * with confirms fills one queue with {@value #MESSAGES} transient messages of {@value #BODY_BYTES}
 * bytes (about twice the heap in bodies alone), then a consumer drains it. Every message must
 * arrive and the broker must still be alive (no OutOfMemoryError): the queue has to page.
 *
 * <p>Tagged {@code memory}: heavy (45 s on a quiet 2-core machine, close to 3 minutes on a busy one); exclude it with
 * {@code -DexcludedGroups=memory}. FerryMQ-only.
 */
@Tag("memory")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BoundedMemoryIT {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedMemoryIT.class);
    private static final int MESSAGES = 2_000_000;
    private static final int BODY_BYTES = 100;
    private static final int IN_FLIGHT = 5_000;
    private static final long BLOCKED_PATIENCE_MILLIS = 15_000;
    private static final String QUEUE = "memory-it";
    private static final String JAVA_OPTS = "-Xmx256m -XX:+ExitOnOutOfMemoryError";

    @TempDir
    Path workDir;

    @Test
    void twoMillionMessagesFitThroughA256MegabyteBroker() throws Exception {
        assumeTrue(System.getProperty("ferrymq.it.amqpUri") == null, "tests FerryMQ's own server");
        assumeTrue(ServerProcess.available(), "packaged server (server/target) not found");
        try (ServerProcess server = ServerProcess.start(workDir, workDir.resolve("data"), JAVA_OPTS)) {
            long t0 = System.nanoTime();
            fill(server);
            long filled = System.nanoTime();
            assertThat(server.isAlive()).as("broker alive after the fill; errors: %s", server.errorLines()).isTrue();
            drain(server);
            long drained = System.nanoTime();
            LOG.info("{} messages of {} B through a -Xmx256m broker: fill {} ms, drain {} ms",
                    MESSAGES, BODY_BYTES, TimeUnit.NANOSECONDS.toMillis(filled - t0), TimeUnit.NANOSECONDS.toMillis(drained - filled));
            assertThat(server.isAlive()).as("broker alive after the drain; errors: %s", server.errorLines()).isTrue();
            assertThat(server.errorLines()).as("server errors").noneMatch(l -> l.contains("OutOfMemoryError"));
            assertThat(server.stop()).as("exit status after SIGTERM").isIn(0, 143);
        }
    }

    private static void fill(ServerProcess server) throws Exception {
        try (Connection connection = server.factory().newConnection("memory-it-publisher")) {
            AtomicLong blockedSince = new AtomicLong();
            CompletableFuture<String> gone = new CompletableFuture<>();
            connection.addShutdownListener(cause -> gone.complete(cause.getMessage()));
            connection.addBlockedListener(new BlockedListener() {
                @Override
                public void handleBlocked(String reason) {
                    LOG.warn("publisher blocked by the broker: {}", reason);
                    blockedSince.compareAndSet(0, System.nanoTime());
                }

                @Override
                public void handleUnblocked() {
                    LOG.info("publisher unblocked");
                    blockedSince.set(0);
                }
            });
            Channel ch = connection.createChannel();
            ch.queueDeclare(QUEUE, false, false, false, null);
            ch.confirmSelect();
            Semaphore window = new Semaphore(IN_FLIGHT);
            AtomicLong confirmed = new AtomicLong();
            AtomicLong nacked = new AtomicLong();
            AtomicLong lastSettled = new AtomicLong();
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    confirmed.addAndGet(settle(tag, multiple));
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    nacked.addAndGet(settle(tag, multiple));
                }

                private int settle(long tag, boolean multiple) {
                    long previous = lastSettled.getAndAccumulate(tag, Math::max);
                    int n = multiple ? (int) Math.max(0, tag - previous) : 1;
                    window.release(n);
                    return n;
                }
            });
            AMQP.BasicProperties transientProps = new AMQP.BasicProperties.Builder().deliveryMode(1).build();
            byte[] body = new byte[BODY_BYTES];
            for (int i = 0; i < MESSAGES; i++) {
                while (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                    long since = blockedSince.get();
                    assertThat(since == 0 || System.nanoTime() - since < TimeUnit.MILLISECONDS.toNanos(BLOCKED_PATIENCE_MILLIS))
                            .as("publisher blocked (memory alarm) for %d s after %d messages with nobody consuming;"
                                    + " broker errors: %s", BLOCKED_PATIENCE_MILLIS / 1000, i, server.errorLines()).isTrue();
                    assertThat(gone).as("publisher connection closed after %d messages; broker alive=%s; errors: %s",
                            i, server.isAlive(), server.errorLines()).isNotDone();
                }
                ByteBuffer.wrap(body).putLong(0, i);
                ch.basicPublish("", QUEUE, transientProps, body);
                if ((i + 1) % 250_000 == 0) {
                    LOG.info("published {} (confirmed {})", i + 1, confirmed.get());
                }
            }
            assertThat(ch.waitForConfirms(60_000)).as("all confirmed, none nacked (nacked %d)", nacked.get()).isTrue();
            assertThat(confirmed.get()).isEqualTo(MESSAGES);
            assertThat(ch.queueDeclarePassive(QUEUE).getMessageCount()).isEqualTo(MESSAGES);
        }
    }

    private static void drain(ServerProcess server) throws Exception {
        try (Connection connection = server.factory().newConnection("memory-it-consumer")) {
            Channel ch = connection.createChannel();
            ch.basicQos(2000);
            BitSet seen = new BitSet(MESSAGES);
            AtomicLong deliveries = new AtomicLong();
            CompletableFuture<Void> done = new CompletableFuture<>();
            ch.basicConsume(QUEUE, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] b) throws java.io.IOException {
                    seen.set((int) ByteBuffer.wrap(b).getLong(0));
                    long n = deliveries.incrementAndGet();
                    if (n % 500 == 0 || n == MESSAGES) {
                        ch.basicAck(envelope.getDeliveryTag(), true);
                    }
                    if (n % 250_000 == 0) {
                        LOG.info("consumed {}", n);
                    }
                    if (n == MESSAGES) {
                        done.complete(null);
                    }
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (!done.isDone() && System.nanoTime() < deadline && server.isAlive()) {
                Thread.sleep(200);
            }
            assertThat(deliveries.get()).as("messages drained; broker alive=%s; errors: %s", server.isAlive(), server.errorLines())
                    .isEqualTo(MESSAGES);
            assertThat(seen.cardinality()).as("distinct messages drained").isEqualTo(MESSAGES);
            Thread.sleep(300);
            assertThat(ch.queueDeclarePassive(QUEUE).getMessageCount()).isZero();
        }
    }
}
