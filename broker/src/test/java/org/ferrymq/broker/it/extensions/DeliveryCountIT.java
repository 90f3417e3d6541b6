package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code x-delivery-count} on redeliveries: the number of earlier deliveries of the message, as
 * RabbitMQ 3.10 quorum queues report it (the quorum-queue tests run against RabbitMQ too).
 * FerryMQ sets it on every queue type; the classic-queue tests are FerryMQ-only.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DeliveryCountIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String COUNT = "x-delivery-count";

    private String quorumQueue(Channel ch) throws Exception {
        String q = broker.name("quorum");
        ch.queueDeclare(q, true, false, false, args("x-queue-type", "quorum"));
        return q;
    }

    private String classicQueue(Channel ch) throws Exception {
        String q = broker.name("classic");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    private static void publish(Channel ch, String queue, String body) throws Exception {
        ch.confirmSelect();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().headers(Map.of("kept", "yes")).build();
        ch.basicPublish("", queue, props, bytes(body));
        ch.waitForConfirmsOrDie(5000);
    }

    private static Object count(Delivery d) {
        Map<String, Object> headers = d.getProperties().getHeaders();
        return headers == null ? null : headers.get(COUNT);
    }

    @Test
    void nackRequeueCountsEarlierDeliveriesOnAQuorumQueue() throws Exception {
        Channel ch = broker.channel();
        String q = quorumQueue(ch);
        publish(ch, q, "m");
        Channel consumerChannel = broker.channel();
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(q, false, consumer);

        Delivery first = consumer.next(WAIT);
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        assertThat(count(first)).as("a first delivery carries no count").isNull();
        consumerChannel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
        for (long expected = 1; expected <= 3; expected++) {
            Delivery again = consumer.next(WAIT);
            assertThat(body(again)).isEqualTo("m");
            assertThat(again.getEnvelope().isRedeliver()).isTrue();
            assertThat(((Number) count(again)).longValue()).isEqualTo(expected);
            assertThat(again.getProperties().getHeaders()).containsKey("kept");
            consumerChannel.basicNack(again.getEnvelope().getDeliveryTag(), false, true);
        }
    }

    @Test
    void recoverAndChannelCloseCountToo() throws Exception {
        Channel ch = broker.channel();
        String q = quorumQueue(ch);
        publish(ch, q, "m");
        Channel first = broker.channel();
        CollectingConsumer consumer = new CollectingConsumer(first);
        first.basicConsume(q, false, consumer);
        assertThat(count(consumer.next(WAIT))).isNull();
        first.basicRecover(true);
        assertThat(((Number) count(consumer.next(WAIT))).longValue()).isEqualTo(1);
        first.close();   // unacked: back to the queue

        Channel second = broker.channel();
        CollectingConsumer next = new CollectingConsumer(second);
        second.basicConsume(q, false, next);
        Delivery d = next.next(WAIT);
        assertThat(((Number) count(d)).longValue()).isEqualTo(2);
        second.basicAck(d.getEnvelope().getDeliveryTag(), false);
    }

    @Test
    void basicGetCarriesTheCountOnRedeliveries() throws Exception {
        Channel ch = broker.channel();
        String q = quorumQueue(ch);
        publish(ch, q, "m");
        GetResponse got = Messages.awaitGetUnacked(ch, q, WAIT);
        ch.basicReject(got.getEnvelope().getDeliveryTag(), true);
        GetResponse again = Messages.awaitGetUnacked(ch, q, WAIT);
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(((Number) again.getProps().getHeaders().get(COUNT)).longValue()).isEqualTo(1);
        ch.basicAck(again.getEnvelope().getDeliveryTag(), false);
    }

    @Test
    void classicQueuesCountOnFerryMq() throws Exception {
        assumeTrue(broker.isEmbedded(), "FerryMQ sets x-delivery-count on classic queues too; RabbitMQ only on quorum queues");
        Channel ch = broker.channel();
        String q = classicQueue(ch);
        publish(ch, q, "m");
        Channel consumerChannel = broker.channel();
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(q, false, consumer);
        Delivery first = consumer.next(WAIT);
        assertThat(count(first)).isNull();
        assertThat(first.getProperties().getHeaders()).containsOnlyKeys("kept");
        consumerChannel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
        for (long expected = 1; expected <= 3; expected++) {
            Delivery again = consumer.next(WAIT);
            assertThat(((Number) count(again)).longValue()).isEqualTo(expected);
            consumerChannel.basicReject(again.getEnvelope().getDeliveryTag(), true);
        }
        Delivery last = consumer.next(WAIT);
        assertThat(((Number) count(last)).longValue()).isEqualTo(4);
        consumerChannel.basicAck(last.getEnvelope().getDeliveryTag(), false);
    }
}
