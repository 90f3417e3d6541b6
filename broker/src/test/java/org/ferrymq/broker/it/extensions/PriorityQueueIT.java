package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.ferrymq.broker.it.extensions.Messages.drain;
import static org.ferrymq.broker.it.extensions.Messages.priority;
import static org.ferrymq.broker.it.extensions.Messages.readyCount;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Priority queues ({@code x-max-priority}): higher priority first, FIFO within a priority, a
 * missing priority counts as 0 and a priority above the maximum counts as the maximum.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PriorityQueueIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private String priorityQueue(Channel ch, Object maxPriority) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, maxPriority == null ? null : args("x-max-priority", maxPriority));
        return q;
    }

    /** Publishes body/priority pairs (priority null = property absent) and waits for the confirms. */
    private static void publish(Channel ch, String q, Object... bodyPriorityPairs) throws Exception {
        ch.confirmSelect();
        for (int i = 0; i < bodyPriorityPairs.length; i += 2) {
            ch.basicPublish("", q, priority((Integer) bodyPriorityPairs[i + 1]), bytes((String) bodyPriorityPairs[i]));
        }
        ch.waitForConfirmsOrDie(5000);
    }

    @Test
    void higherPriorityIsDeliveredFirst() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 10);
        publish(ch, q, "p1", 1, "p5", 5, "p9", 9, "p3", 3);
        assertThat(drain(ch, q)).containsExactly("p9", "p5", "p3", "p1");
    }

    @Test
    void withinOnePriorityDeliveryIsFifo() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 5);
        publish(ch, q, "low-1", 1, "high-1", 4, "low-2", 1, "high-2", 4, "high-3", 4, "low-3", 1);
        assertThat(drain(ch, q)).containsExactly("high-1", "high-2", "high-3", "low-1", "low-2", "low-3");
    }

    @Test
    void priorityAboveTheMaximumCountsAsTheMaximum() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 5);
        publish(ch, q, "at-max", 5, "above-max", 9, "below", 4);
        assertThat(drain(ch, q)).as("9 and 5 share the top priority, so FIFO between them")
                .containsExactly("at-max", "above-max", "below");
    }

    @Test
    void missingPriorityCountsAsZero() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 5);
        publish(ch, q, "none-1", null, "zero", 0, "one", 1, "none-2", null);
        assertThat(drain(ch, q)).containsExactly("one", "none-1", "zero", "none-2");
    }

    @Test
    void priorityPropertyIsDeliveredAsPublished() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 5);
        publish(ch, q, "above-max", 9);
        GetResponse r = ch.basicGet(q, true);
        assertThat(r.getProps().getPriority()).isEqualTo(9);
    }

    @Test
    void consumerReceivesBacklogInPriorityOrder() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 10);
        publish(ch, q, "p2", 2, "p8", 8, "p0", 0, "p5", 5);
        Channel consumerChannel = broker.channel();
        consumerChannel.basicQos(1);
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(q, false, consumer);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Delivery d = consumer.next(Duration.ofSeconds(5));
            order.add(body(d));
            consumerChannel.basicAck(d.getEnvelope().getDeliveryTag(), false);
        }
        assertThat(order).containsExactly("p8", "p5", "p2", "p0");
    }

    @Test
    void requeuedMessageKeepsItsPriorityPlace() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 10);
        publish(ch, q, "high", 7, "low", 1);
        GetResponse high = ch.basicGet(q, false);
        assertThat(body(high)).isEqualTo("high");
        publish(ch, q, "mid", 4);
        ch.basicNack(high.getEnvelope().getDeliveryTag(), false, true);
        assertThat(drain(ch, q)).containsExactly("high", "mid", "low");
    }

    @Test
    void declareOkCountsMessagesOfAllPriorities() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 3);
        publish(ch, q, "a", 0, "b", 1, "c", 2, "d", 3, "e", null);
        assertThat(readyCount(ch, q)).isEqualTo(5);
    }

    @Test
    void queueWithoutMaxPriorityIgnoresPriority() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, null);
        publish(ch, q, "p1", 1, "p9", 9, "p5", 5);
        assertThat(drain(ch, q)).containsExactly("p1", "p9", "p5");
    }

    @Test
    void maxPriorityMayBeSentAsLong() throws Exception {
        Channel ch = broker.channel();
        String q = priorityQueue(ch, 4L);
        publish(ch, q, "p1", 1, "p3", 3);
        assertThat(drain(ch, q)).containsExactly("p3", "p1");
    }
}
