package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several clients at once (short and small: correctness, not load): nothing lost or duplicated,
 * each publisher's order kept, connection and channel churn leaves the broker healthy.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConcurrencyIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int PUBLISHERS = 4;
    private static final int PER_PUBLISHER = 500;

    private final ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static byte[] message(int publisher, int seq) {
        return ByteBuffer.allocate(8).putInt(publisher).putInt(seq).array();
    }

    /** Consumes with manual acks and checks per-publisher order; returns when all expected arrived. */
    private static final class OrderCheckingConsumer {
        final Map<Integer, Integer> lastSeq = new ConcurrentHashMap<>();
        final AtomicInteger outOfOrder = new AtomicInteger();
        final AtomicInteger redelivered = new AtomicInteger();
        final CountDownLatch done;

        OrderCheckingConsumer(Channel ch, String q, int expected) throws Exception {
            done = new CountDownLatch(expected);
            ch.basicQos(50);
            ch.basicConsume(q, false, (tag, d) -> {
                ByteBuffer b = ByteBuffer.wrap(d.getBody());
                int publisher = b.getInt();
                int seq = b.getInt();
                Integer previous = lastSeq.put(publisher, seq);
                if (seq != (previous == null ? 0 : previous + 1)) {
                    outOfOrder.incrementAndGet();
                }
                if (d.getEnvelope().isRedeliver()) {
                    redelivered.incrementAndGet();
                }
                ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                done.countDown();
            }, tag -> { });
        }
    }

    private void publishConcurrently(List<Channel> channels, String q) throws Exception {
        List<Future<Void>> results = new ArrayList<>();
        for (int p = 0; p < channels.size(); p++) {
            int publisher = p;
            Channel ch = channels.get(p);
            Callable<Void> task = () -> {
                ch.confirmSelect();
                for (int i = 0; i < PER_PUBLISHER; i++) {
                    ch.basicPublish("", q, null, message(publisher, i));
                }
                ch.waitForConfirmsOrDie(20_000);
                return null;
            };
            results.add(pool.submit(task));
        }
        for (Future<Void> f : results) {
            f.get(25, TimeUnit.SECONDS);
        }
    }

    @Test
    void publishersOnSeparateConnectionsLoseNothingAndKeepTheirOrder() throws Exception {
        String q = broker.name("q");
        broker.channel().queueDeclare(q, false, false, false, null);
        OrderCheckingConsumer consumer = new OrderCheckingConsumer(broker.connect().createChannel(), q, PUBLISHERS * PER_PUBLISHER);
        List<Channel> channels = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            channels.add(broker.connect().createChannel());
        }
        publishConcurrently(channels, q);
        assertThat(consumer.done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.outOfOrder.get()).isZero();
        assertThat(consumer.redelivered.get()).isZero();
        for (int p = 0; p < PUBLISHERS; p++) {
            assertThat(consumer.lastSeq.get(p)).isEqualTo(PER_PUBLISHER - 1);
        }
    }

    @Test
    void publishersOnChannelsOfOneConnectionLoseNothingAndKeepTheirOrder() throws Exception {
        String q = broker.name("q");
        Connection shared = broker.connect();
        shared.createChannel().queueDeclare(q, false, false, false, null);
        OrderCheckingConsumer consumer = new OrderCheckingConsumer(shared.createChannel(), q, PUBLISHERS * PER_PUBLISHER);
        List<Channel> channels = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            channels.add(shared.createChannel());
        }
        publishConcurrently(channels, q);
        assertThat(consumer.done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.outOfOrder.get()).isZero();
    }

    @Test
    void competingConsumersReceiveEveryMessageExactlyOnce() throws Exception {
        String q = broker.name("q");
        Channel publisher = broker.channel();
        publisher.queueDeclare(q, false, false, false, null);
        int total = 2000;
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        for (int c = 0; c < 4; c++) {
            Channel ch = broker.connect().createChannel();
            ch.basicQos(10);
            ch.basicConsume(q, false, (tag, d) -> {
                if (!seen.add(ByteBuffer.wrap(d.getBody()).getInt())) {
                    duplicates.incrementAndGet();
                }
                ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                done.countDown();
            }, tag -> { });
        }
        for (int i = 0; i < total; i++) {
            publisher.basicPublish("", q, null, ByteBuffer.allocate(4).putInt(i).array());
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(duplicates.get()).isZero();
        assertThat(seen).hasSize(total);
        Thread.sleep(200);
        assertThat(publisher.queueDeclarePassive(q).getMessageCount()).isZero();
    }

    @Test
    void connectionChurnLeavesTheBrokerHealthy() throws Exception {
        for (int i = 0; i < 40; i++) {
            Connection c = broker.connect();
            c.createChannel().queueDeclare();
            if (i % 2 == 0) {
                c.close();
            } else {
                c.abort();
            }
        }
        Channel ch = broker.channel();
        String q = ch.queueDeclare().getQueue();
        ch.basicPublish("", q, null, "alive".getBytes());
        assertThat(ch.basicGet(q, true).getBody()).isEqualTo("alive".getBytes());
    }

    @Test
    void channelChurnOnOneConnectionLeavesItHealthy() throws Exception {
        Connection c = broker.connect();
        for (int i = 0; i < 300; i++) {
            Channel ch = c.createChannel();
            ch.basicQos(1);
            ch.close();
        }
        assertThat(c.isOpen()).isTrue();
        assertThat(c.createChannel().queueDeclare().getQueue()).startsWith("amq.gen-");
    }
}
