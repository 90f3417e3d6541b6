package org.ferrymq.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;

/**
 * Bytes the broker allocates per message on the publish → route → enqueue → deliver (→ ack)
 * path, counted, not timed: an embedded broker (the code {@code ./ferrymq} runs) and the RabbitMQ
 * Java client over loopback in one JVM; the allocation counters
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}) of the broker's own
 * threads (names starting {@code ferrymq-}) are read before and after a fixed number of
 * messages, after a warm-up, so the client's allocations do not count. Valid on a loaded
 * machine: the figure is a count of bytes, not a rate.
 *
 * <pre>java -cp ... org.ferrymq.bench.HotPathCounts [--messages N] [--warmup N] [--size BYTES] [--mode autoack|ack|confirm]</pre>
 *
 * <p>A CLI, hence System.out. Single-threaded apart from the client's and broker's own threads.
 */
public final class HotPathCounts {
    private HotPathCounts() {
    }

    public static void main(String[] args) throws Exception {
        int messages = 200_000;
        int warmup = 200_000;
        int size = 16;
        String mode = "autoack";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--mode" -> mode = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path dataDir = Files.createTempDirectory("ferrymq-hotpath");
        FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.amqpUri());
            try (Connection consuming = factory.newConnection(); Connection publishing = factory.newConnection()) {
                Channel admin = publishing.createChannel();
                String queue = admin.queueDeclare("hotpath", false, false, false, null).getQueue();
                AtomicInteger received = new AtomicInteger();
                AtomicInteger target = new AtomicInteger(warmup);
                CountDownLatch[] done = {new CountDownLatch(1)};
                Channel consumer = consuming.createChannel();
                boolean autoAck = !mode.equals("ack");
                if (!autoAck) {
                    consumer.basicQos(500);
                }
                consumer.basicConsume(queue, autoAck, (tag, delivery) -> {
                    if (!autoAck) {
                        consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
                    }
                    if (received.incrementAndGet() == target.get()) {
                        done[0].countDown();
                    }
                }, tag -> { });
                Channel publisher = publishing.createChannel();
                if (mode.equals("confirm")) {
                    publisher.confirmSelect();
                }
                byte[] body = new byte[size];
                run(publisher, queue, body, warmup, done[0], mode);

                done[0] = new CountDownLatch(1);
                target.set(warmup + messages);
                long[] ids = brokerThreadIds();
                long before = allocated(ids);
                run(publisher, queue, body, messages, done[0], mode);
                long after = allocated(ids);
                System.out.printf("mode=%s size=%d messages=%d broker threads=%d allocated=%d bytes, %.1f bytes/message%n",
                        mode, size, messages, ids.length, after - before, (after - before) / (double) messages);
            }
        } finally {
            broker.close();
            TreeDeletion.deleteQuietly(dataDir);
        }
    }

    private static void run(Channel publisher, String queue, byte[] body, int count, CountDownLatch done, String mode)
            throws Exception {
        for (int i = 0; i < count; i++) {
            publisher.basicPublish("", queue, null, body);
            if (mode.equals("confirm") && i % 1000 == 999) {
                publisher.waitForConfirmsOrDie(120_000);
            }
        }
        if (!done.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every message arrived within 300 s");
        }
    }

    private static long[] brokerThreadIds() {
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ferrymq-")) {
                ids.add(t.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long allocated(long[] ids) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
