package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A channel-wide prefetch limit ({@code basic.qos} with {@code global=true}) as RabbitMQ 3.10
 * applies it: while the channel is at its limit, even its no-ack consumers wait; credit freed by
 * an ack goes round the channel's consumers, so a consumer of one queue cannot starve a consumer
 * of another.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GlobalPrefetchIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private String queueWith(Channel ch, String prefix, int messages) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        ch.confirmSelect();
        for (int i = 0; i < messages; i++) {
            ch.basicPublish("", q, null, (prefix + i).getBytes());
        }
        ch.waitForConfirmsOrDie(5000);
        return q;
    }

    @Test
    void noAckConsumerWaitsWhileTheChannelIsAtItsLimit() throws Exception {
        Channel setup = broker.channel();
        String held = queueWith(setup, "held", 1);
        String free = queueWith(setup, "free", 3);
        Channel ch = broker.connection().createChannel();
        ch.basicQos(1, true);
        BlockingQueue<Delivery> acked = new LinkedBlockingQueue<>();
        ch.basicConsume(held, false, (tag, d) -> acked.add(d), tag -> { });
        Delivery holding = acked.poll(5, TimeUnit.SECONDS);
        assertThat(holding).isNotNull();

        BlockingQueue<Delivery> noAck = new LinkedBlockingQueue<>();
        ch.basicConsume(free, true, (tag, d) -> noAck.add(d), tag -> { });
        assertThat(noAck.poll(500, TimeUnit.MILLISECONDS)).as("no-ack consumer waits while the channel is full").isNull();

        ch.basicAck(holding.getEnvelope().getDeliveryTag(), false);
        for (int i = 0; i < 3; i++) {
            assertThat(noAck.poll(5, TimeUnit.SECONDS)).as("delivery %s after the ack", i).isNotNull();
        }
    }

    @Test
    void freedCreditGoesRoundTheChannelsConsumers() throws Exception {
        Channel setup = broker.channel();
        String first = queueWith(setup, "a", 40);
        String second = queueWith(setup, "b", 40);
        Channel ch = broker.connection().createChannel();
        ch.basicQos(1, true);
        List<String> order = new CopyOnWriteArrayList<>();
        for (String q : List.of(first, second)) {
            ch.basicConsume(q, false, (tag, d) -> {
                order.add(new String(d.getBody()).substring(0, 1));
                ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
            }, tag -> { });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (order.size() < 40 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // copy first: deliveries past the 40th may still be appended while we look
        List<String> delivered = List.copyOf(order);
        List<String> firstForty = new ArrayList<>(delivered.subList(0, Math.min(40, delivered.size())));
        assertThat(firstForty).hasSize(40);
        long fromSecond = firstForty.stream().filter("b"::equals).count();
        assertThat(fromSecond).as("deliveries from the second queue among the first 40: %s", firstForty)
                .isBetween(10L, 30L);
    }
}
