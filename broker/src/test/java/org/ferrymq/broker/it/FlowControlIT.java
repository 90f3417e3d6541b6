package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.management.QueueView;
import org.ferrymq.broker.model.MessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Producer flow control (issue 13, item 4), proved by counts: a flat-out publisher (the RabbitMQ
 * Java client over a real socket) never gets a consumed queue more than its window ahead of a
 * deliberately slow consumer, nor makes it page to disk; one connection that publishes, consumes
 * and acks finishes (no deadlock); a queue without consumers still takes everything; and the
 * client sees nothing but a socket that is sometimes full (no connection.blocked, no error).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlowControlIT {
    private static final byte[] BODY = new byte[16];
    private static final int WINDOW = MessageQueue.publisherWindow(20_000);

    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(b -> { });

    @Test
    void aFlatOutPublisherNeverGetsMoreThanTheWindowAheadOfASlowConsumer() throws Exception {
        String queue = broker.name("slow");
        broker.channel().queueDeclare(queue, false, false, false, null);
        int total = 20_000;
        Connection consuming = broker.connect();
        Channel consumer = consuming.createChannel();
        consumer.basicQos(50);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(1);
        consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                int n = received.getAndIncrement();
                if (props.getMessageId() == null || Integer.parseInt(props.getMessageId()) != n) {
                    outOfOrder.incrementAndGet();
                }
                if (n % 20 == 0) {
                    pause(2); // the slow consumer: at most ~10,000 msg/s, whatever the machine
                }
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                if (n + 1 == total) {
                    all.countDown();
                }
            }
        });

        Connection publishing = broker.connect();
        AtomicInteger blockedNotices = new AtomicInteger();
        publishing.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blockedNotices.incrementAndGet();
            }

            @Override
            public void handleUnblocked() {
            }
        });
        Channel publisher = publishing.createChannel();
        QueueSampler sampler = new QueueSampler(queue);
        sampler.start();
        try {
            publishFlatOut(publisher, queue, total);
            assertThat(all.await(60, TimeUnit.SECONDS)).as("the consumer got every message").isTrue();
        } finally {
            sampler.stop();
        }
        assertThat(received.get()).isEqualTo(total);
        assertThat(outOfOrder.get()).as("deliveries out of order").isZero();
        assertThat(sampler.maxReady()).as("ready messages ahead of the consumer, at most")
                .isLessThanOrEqualTo(WINDOW + 1)
                .as("the publisher did outrun the consumer (else this test proves nothing)")
                .isGreaterThanOrEqualTo(WINDOW / 2);
        assertThat(sampler.maxPagedOut()).as("messages paged to disk").isZero();
        assertThat(blockedNotices.get()).as("connection.blocked sent: flow control is not an alarm").isZero();
        assertThat(publisher.isOpen()).isTrue();
        assertThat(publishing.isOpen()).isTrue();
    }

    @Test
    void aPublisherWithConfirmsIsPacedAndEveryMessageIsConfirmed() throws Exception {
        String queue = broker.name("confirmed");
        broker.channel().queueDeclare(queue, false, false, false, null);
        int total = 20_000;
        Channel consumer = broker.connect().createChannel();
        consumer.basicQos(50);
        AtomicInteger received = new AtomicInteger();
        consumer.basicConsume(queue, false, (tag, delivery) -> {
            if (received.getAndIncrement() % 20 == 0) {
                pause(2);
            }
            consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, tag -> { });
        Channel publisher = broker.connect().createChannel();
        publisher.confirmSelect();
        QueueSampler sampler = new QueueSampler(queue);
        sampler.start();
        try {
            publishFlatOut(publisher, queue, total);
            assertThat(publisher.waitForConfirms(60_000)).as("every publish acked by the broker").isTrue();
        } finally {
            sampler.stop();
        }
        assertThat(sampler.maxReady()).isLessThanOrEqualTo(WINDOW + 1);
        assertThat(sampler.maxPagedOut()).isZero();
    }

    @Test
    void oneConnectionThatPublishesConsumesAndAcksFinishes() throws Exception {
        String queue = broker.name("one-connection");
        broker.channel().queueDeclare(queue, false, false, false, null);
        int total = 30_000;
        Connection connection = broker.connect();
        Channel consumer = connection.createChannel();
        consumer.basicQos(20);
        AtomicInteger received = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(1);
        consumer.basicConsume(queue, false, (tag, delivery) -> {
            int n = received.incrementAndGet();
            if (n % 20 == 0) {
                pause(1);
            }
            consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            if (n == total) {
                all.countDown();
            }
        }, tag -> { });
        Channel publisher = connection.createChannel();
        publishFlatOut(publisher, queue, total);
        assertThat(all.await(60, TimeUnit.SECONDS)).as("all consumed and acked on the publishing connection").isTrue();
        assertThat(received.get()).isEqualTo(total);
    }

    @Test
    void oneChannelThatConsumesAndRepublishesToItsOwnQueueFinishes() throws Exception {
        // the worst case: the acks that let the queue catch up come on the channel that publishes to it
        String queue = broker.name("own-queue");
        broker.channel().queueDeclare(queue, false, false, false, null);
        int total = 5_000;
        Connection connection = broker.connect();
        Channel channel = connection.createChannel();
        channel.basicQos(10);
        AtomicInteger hops = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        channel.basicConsume(queue, false, (tag, delivery) -> {
            int left = Integer.parseInt(delivery.getProperties().getMessageId());
            try {
                if (left > 0) {
                    channel.basicPublish("", queue, props(left - 1), BODY); // publish, then ack
                }
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            } catch (IOException | RuntimeException e) {
                failure.set(e);
            }
            hops.incrementAndGet();
        }, tag -> { });
        // many chains at once, so the queue is well past its window while it republishes
        Channel seeder = connection.createChannel();
        for (int i = 0; i < total; i++) {
            seeder.basicPublish("", queue, props(1), BODY);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (hops.get() < total * 2 && System.nanoTime() < deadline && failure.get() == null) {
            Thread.sleep(20);
        }
        assertThat(failure.get()).isNull();
        assertThat(hops.get()).as("every message and its republished copy consumed and acked").isEqualTo(total * 2);
    }

    @Test
    void aQueueWithoutConsumersStillTakesEverything() throws Exception {
        String queue = broker.name("no-consumer");
        Channel admin = broker.channel();
        admin.queueDeclare(queue, false, false, false, null);
        int total = 50_000; // 2.5 times its memory window: it pages, and publishers never wait for a consumer
        Channel publisher = broker.connect().createChannel();
        publishFlatOut(publisher, queue, total);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long count = 0;
        while (System.nanoTime() < deadline && (count = admin.messageCount(queue)) < total) {
            Thread.sleep(50);
        }
        assertThat(count).isEqualTo(total);
    }

    @Test
    void aPublisherWaitingForAConsumerThatLeavesGoesOn() throws Exception {
        String queue = broker.name("consumer-leaves");
        Channel admin = broker.channel();
        admin.queueDeclare(queue, false, false, false, null);
        int total = 10_000;
        Channel consumer = broker.connect().createChannel();
        consumer.basicQos(1);
        // a consumer that takes one message and never acks: the publisher soon waits for it
        consumer.basicConsume(queue, false, (t, delivery) -> { }, t -> { });
        Channel publisher = broker.connect().createChannel();
        QueueSampler sampler = new QueueSampler(queue);
        sampler.start();
        // the client's publishes return once they are in its socket, so the client may finish (the
        // socket buffers hold 10,000 small ones) or block: either way the broker reads no further
        java.util.concurrent.CompletableFuture<Void> publishing = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                publishFlatOut(publisher, queue, total);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sampler.maxReady() < WINDOW / 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(500); // time for the broker to read more, if it (wrongly) would
        sampler.stop();
        assertThat(sampler.maxReady()).as("the queue stops a window ahead of a consumer that takes nothing")
                .isGreaterThanOrEqualTo(WINDOW / 2).isLessThanOrEqualTo(WINDOW + 1);
        assertThat(admin.messageCount(queue)).isLessThanOrEqualTo(WINDOW + 1);
        consumer.close(); // the consumer goes, and its one unacked message back to the queue
        publishing.get(60, TimeUnit.SECONDS);
        long count = 0;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && (count = admin.messageCount(queue)) < total) {
            Thread.sleep(50);
        }
        assertThat(count).as("with no consumer left, the queue takes the rest (and the one unacked, requeued)")
                .isEqualTo(total);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static AMQP.BasicProperties props(int id) {
        return new AMQP.BasicProperties.Builder().messageId(Integer.toString(id)).build();
    }

    private static void publishFlatOut(Channel channel, String queue, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, props(i), BODY);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples the queue's management counts as often as it can, keeping the largest seen. */
    private static final class QueueSampler {
        private final String queue;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger maxReady = new AtomicInteger();
        private final AtomicInteger maxPagedOut = new AtomicInteger();
        private final Thread thread;

        QueueSampler(String queue) {
            this.queue = queue;
            this.thread = new Thread(this::run, "queue-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }

        int maxReady() {
            return maxReady.get();
        }

        int maxPagedOut() {
            return maxPagedOut.get();
        }

        private void run() {
            while (running.get()) {
                QueueView view = broker.broker().management().queue(broker.vhost(), queue).orElse(null);
                if (view != null) {
                    maxReady.accumulateAndGet(view.ready(), Math::max);
                    maxPagedOut.accumulateAndGet(view.pagedOut(), Math::max);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }
    }
}
