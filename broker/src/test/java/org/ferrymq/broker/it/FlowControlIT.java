package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Command;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.TrafficListener;
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
 * and acks finishes (no deadlock); a queue without consumers still takes everything, and so does
 * one whose consumer hangs (RabbitMQ never blocks a publisher on queue depth alone); fanout is
 * paced by its slowest consumed queue unless that one's consumer hangs; publishers on other
 * connections go on meanwhile; a RabbitMQ Java client is held with channel.flow and let go again;
 * and no connection.blocked is sent (that is for resource alarms only: MemoryAlarmIT,
 * ConnectionBlockedIT).
 * No assertion on time: every wait is bounded, every assertion is on counts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlowControlIT {
    private static final byte[] BODY = new byte[16];
    private static final int WINDOW = MessageQueue.publisherWindow(20_000);
    /**
     * The Java client is held with channel.flow and the broker keeps reading its socket, so what
     * it sent before the hold reached it is still taken (parked on the channel, then enqueued):
     * a few hundred publishes past the window at most, instead of a full socket left unread.
     */
    private static final int AT_MOST_AHEAD = WINDOW + 1_000;

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
                .isLessThanOrEqualTo(AT_MOST_AHEAD)
                .as("the publisher did outrun the consumer (else this test proves nothing)")
                .isGreaterThanOrEqualTo(WINDOW / 2);
        assertThat(sampler.maxPagedOut()).as("messages paged to disk").isZero();
        assertThat(blockedNotices.get()).as("connection.blocked sent: flow control is not an alarm").isZero();
        assertThat(publisher.isOpen()).isTrue();
        assertThat(publishing.isOpen()).isTrue();
    }

    @Test
    void aJavaClientPublisherIsHeldWithChannelFlowWhileItMustWaitAndLetGoAfter() throws Exception {
        String queue = broker.name("held");
        broker.channel().queueDeclare(queue, false, false, false, null);
        int total = 20_000;
        CountDownLatch all = consumeSlowly(broker.connect().createChannel(), queue, 50, 2, total, new AtomicInteger());

        // the Java client honours channel.flow by holding its publishes: count what the broker sends it
        AtomicInteger flowOff = new AtomicInteger();
        AtomicInteger flowOn = new AtomicInteger();
        ConnectionFactory factory = broker.factory();
        factory.setTrafficListener(new TrafficListener() {
            @Override
            public void write(Command outbound) {
            }

            @Override
            public void read(Command inbound) {
                if (inbound.getMethod() instanceof AMQP.Channel.Flow flow) {
                    (flow.getActive() ? flowOn : flowOff).incrementAndGet();
                }
            }
        });
        Channel publisher = broker.connect(factory).createChannel();
        publishFlatOut(publisher, queue, total);
        assertThat(all.await(60, TimeUnit.SECONDS)).as("the consumer got every message").isTrue();

        assertThat(flowOff.get()).as("channel.flow active=false sent while the publisher had to wait").isPositive();
        assertThat(flowOn.get()).as("every hold is let go").isEqualTo(flowOff.get());
        assertThat(publisher.isOpen()).isTrue();
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
        assertThat(sampler.maxReady()).isLessThanOrEqualTo(AT_MOST_AHEAD);
        assertThat(sampler.maxPagedOut()).isZero();
    }

    @Test
    void oneConnectionThatPublishesConsumesAndAcksFinishes() throws Exception {
        String queue = broker.name("one-connection");
        broker.channel().queueDeclare(queue, false, false, false, null);
        int total = 30_000;
        Connection connection = broker.connect();
        AtomicInteger received = new AtomicInteger();
        CountDownLatch all = consumeSlowly(connection.createChannel(), queue, 20, 1, total, received);
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
        AtomicInteger received = new AtomicInteger();
        startCrawlingConsumer(consumer, queue, received);
        Channel publisher = broker.connect().createChannel();
        QueueSampler sampler = new QueueSampler(queue);
        sampler.start();
        // the client's publishes return once they are in its socket, so the client may finish (the
        // socket buffers hold 10,000 small ones) or block: either way the broker reads no further
        CompletableFuture<Void> publishing = publishAsync(publisher, queue, total);
        awaitReady(sampler, WINDOW / 2);
        sampler.stop();
        assertThat(sampler.maxReady()).as("the queue stops a window ahead of a consumer that crawls")
                .isGreaterThanOrEqualTo(WINDOW / 2).isLessThanOrEqualTo(AT_MOST_AHEAD);
        assertThat(admin.messageCount(queue)).isLessThanOrEqualTo(AT_MOST_AHEAD);
        consumer.getConnection().close(); // the consumer goes, its unacked message back to the queue
        publishing.get(60, TimeUnit.SECONDS);
        long expected = total - received.get();
        long count = awaitCount(admin, queue, expected);
        // the crawler's last message may have been counted but its ack cut off by the close: requeued
        assertThat(count).as("with no consumer left, the queue takes the rest").isBetween(expected, expected + 1);
    }

    @Test
    void aConsumerThatHangsDoesNotStopItsPublisher() throws Exception {
        // RabbitMQ never blocks a publisher on queue depth alone: a consumer that takes one
        // message and never acks must not hold the publisher for ever
        String queue = broker.name("hung");
        Channel admin = broker.channel();
        admin.queueDeclare(queue, false, false, false, null);
        int total = 10_000;
        Channel consumer = broker.connect().createChannel();
        consumer.basicQos(1);
        consumer.basicConsume(queue, false, (t, delivery) -> { }, t -> { });
        Channel publisher = broker.connect().createChannel();
        publisher.confirmSelect();
        publishFlatOut(publisher, queue, total);
        assertThat(publisher.waitForConfirms(60_000)).as("every publish taken by the queue").isTrue();
        assertThat(admin.messageCount(queue)).as("all ready but the one the hung consumer holds")
                .isEqualTo(total - 1);
        assertThat(publisher.isOpen()).isTrue();
    }

    @Test
    void fanoutToAFastAndASlowQueueIsPacedByTheSlowOneAndBothGetEverything() throws Exception {
        Channel admin = broker.channel();
        String exchange = broker.name("fan");
        admin.exchangeDeclare(exchange, "fanout");
        String fast = broker.name("fan-fast");
        String slow = broker.name("fan-slow");
        for (String q : new String[] {fast, slow}) {
            admin.queueDeclare(q, false, false, false, null);
            admin.queueBind(q, exchange, "");
        }
        int total = 20_000;
        AtomicInteger fastReceived = new AtomicInteger();
        Channel fastConsumer = broker.connect().createChannel();
        fastConsumer.basicConsume(fast, true, (t, d) -> fastReceived.incrementAndGet(), t -> { });
        AtomicInteger slowReceived = new AtomicInteger();
        Channel slowConsumer = broker.connect().createChannel();
        slowConsumer.basicQos(50);
        slowConsumer.basicConsume(slow, false, (t, d) -> {
            if (slowReceived.getAndIncrement() % 20 == 0) {
                pause(2);
            }
            slowConsumer.basicAck(d.getEnvelope().getDeliveryTag(), false);
        }, t -> { });
        QueueSampler slowSampler = new QueueSampler(slow);
        QueueSampler fastSampler = new QueueSampler(fast);
        slowSampler.start();
        fastSampler.start();
        Channel publisher = broker.connect().createChannel();
        try {
            for (int i = 0; i < total; i++) {
                publisher.basicPublish(exchange, "", props(i), BODY);
            }
            awaitAtLeast(slowReceived, total);
            awaitAtLeast(fastReceived, total);
        } finally {
            slowSampler.stop();
            fastSampler.stop();
        }
        assertThat(fastReceived.get()).isEqualTo(total);
        assertThat(slowReceived.get()).isEqualTo(total);
        assertThat(slowSampler.maxReady()).as("the slow queue stays within its window")
                .isLessThanOrEqualTo(AT_MOST_AHEAD).isGreaterThanOrEqualTo(WINDOW / 2);
        assertThat(fastSampler.maxReady()).isLessThanOrEqualTo(AT_MOST_AHEAD);
        assertThat(slowSampler.maxPagedOut()).isZero();
    }

    @Test
    void fanoutToAFastQueueAndAHungOneStillFeedsTheFastConsumer() throws Exception {
        Channel admin = broker.channel();
        String exchange = broker.name("fan-hung");
        admin.exchangeDeclare(exchange, "fanout");
        String fast = broker.name("fan-hung-fast");
        String hung = broker.name("fan-hung-stuck");
        for (String q : new String[] {fast, hung}) {
            admin.queueDeclare(q, false, false, false, null);
            admin.queueBind(q, exchange, "");
        }
        int total = 10_000;
        AtomicInteger fastReceived = new AtomicInteger();
        broker.connect().createChannel().basicConsume(fast, true, (t, d) -> fastReceived.incrementAndGet(), t -> { });
        Channel hungConsumer = broker.connect().createChannel();
        hungConsumer.basicQos(1);
        hungConsumer.basicConsume(hung, false, (t, d) -> { }, t -> { });
        Channel publisher = broker.connect().createChannel();
        for (int i = 0; i < total; i++) {
            publisher.basicPublish(exchange, "", props(i), BODY);
        }
        awaitAtLeast(fastReceived, total);
        assertThat(fastReceived.get()).as("the fast consumer is not held by the hung one").isEqualTo(total);
        assertThat(awaitCount(admin, hung, total - 1)).isEqualTo(total - 1);
    }

    @Test
    void publishersOnOtherConnectionsAreNotHeld() throws Exception {
        Channel admin = broker.channel();
        String paced = broker.name("paced");
        String free = broker.name("free");
        admin.queueDeclare(paced, false, false, false, null);
        admin.queueDeclare(free, false, false, false, null);
        int total = 10_000;
        Connection consuming = broker.connect();
        AtomicInteger received = new AtomicInteger();
        startCrawlingConsumer(consuming.createChannel(), paced, received);
        Connection pacedConnection = broker.connect();
        QueueSampler sampler = new QueueSampler(paced);
        sampler.start();
        CompletableFuture<Void> pacedPublishing = publishAsync(pacedConnection.createChannel(), paced, total);
        try {
            awaitReady(sampler, WINDOW / 2);
            // the paced connection's socket is not read now; another connection publishes freely,
            // to a queue without consumers and to the paced queue's neighbour
            Channel other = broker.connect().createChannel();
            other.confirmSelect();
            publishFlatOut(other, free, total);
            assertThat(other.waitForConfirms(60_000)).isTrue();
            assertThat(admin.messageCount(free)).isEqualTo(total);
            assertThat(received.get() + admin.messageCount(paced))
                    .as("meanwhile the paced publisher is still held (its consumer takes ~200 msg/s)")
                    .isLessThan(total);
        } finally {
            sampler.stop();
            consuming.close();
            pacedConnection.abort();
        }
        assertThat(sampler.maxReady()).isLessThanOrEqualTo(AT_MOST_AHEAD);
        pacedPublishing.handle((r, e) -> null).get(30, TimeUnit.SECONDS);
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Acks each delivery (counted in {@code received}), pausing {@code pauseMillis} every 20; the latch opens at the {@code total}th. */
    private static CountDownLatch consumeSlowly(Channel consumer, String queue, int prefetch, long pauseMillis,
                                                int total, AtomicInteger received) throws IOException {
        consumer.basicQos(prefetch);
        CountDownLatch all = new CountDownLatch(1);
        consumer.basicConsume(queue, false, (tag, delivery) -> {
            int n = received.incrementAndGet();
            if (n % 20 == 0) {
                pause(pauseMillis);
            }
            consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            if (n == total) {
                all.countDown();
            }
        }, tag -> { });
        return all;
    }

    /** A consumer that acks one message every few ms: it always makes progress, slowly. */
    private static void startCrawlingConsumer(Channel channel, String queue, AtomicInteger received) throws IOException {
        channel.basicQos(1);
        channel.basicConsume(queue, false, (t, delivery) -> {
            pause(5);
            received.incrementAndGet();
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }, t -> { });
    }

    private static CompletableFuture<Void> publishAsync(Channel channel, String queue, int count) {
        return CompletableFuture.runAsync(() -> {
            try {
                publishFlatOut(channel, queue, count);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitReady(QueueSampler sampler, int ready) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sampler.maxReady() < ready && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300); // time for the broker to read more, if it (wrongly) would
    }

    private static void awaitAtLeast(AtomicInteger counter, int value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counter.get() < value && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static long awaitCount(Channel admin, String queue, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long count = 0;
        while (System.nanoTime() < deadline && (count = admin.messageCount(queue)) < expected) {
            Thread.sleep(50);
        }
        return count;
    }

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
