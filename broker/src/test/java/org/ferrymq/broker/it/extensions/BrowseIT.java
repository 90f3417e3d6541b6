package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;
import static org.ferrymq.broker.it.extensions.Messages.readyCount;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FerryMQ's browse ({@code basic.consume} with {@code x-browse: true}, no-ack): copies of the
 * ready messages in queue order, then a server-sent basic.cancel; the queue is left as it was.
 * FerryMQ-only (RabbitMQ has no browse): runs against the embedded broker alone.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BrowseIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(config -> { });

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Collects a browse's deliveries until the broker's basic.cancel. */
    private static final class Snapshot extends DefaultConsumer {
        final List<Delivery> deliveries = new ArrayList<>();
        final CountDownLatch complete = new CountDownLatch(1);

        Snapshot(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            deliveries.add(new Delivery(envelope, properties, body));
        }

        @Override
        public void handleCancel(String tag) {
            complete.countDown();
        }

        List<String> bodies() throws InterruptedException {
            assertThat(complete.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("basic.cancel ends the browse").isTrue();
            return deliveries.stream().map(Messages::body).toList();
        }
    }

    private static Snapshot browse(Channel ch, String queue, Map<String, Object> extra) throws IOException {
        Snapshot snapshot = new Snapshot(ch);
        Map<String, Object> arguments = args("x-browse", true);
        arguments.putAll(extra);
        ch.basicConsume(queue, true, arguments, snapshot);
        return snapshot;
    }

    private String queueWith(Channel ch, String... bodies) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        publishConfirmed(ch, q, bodies);
        return q;
    }

    @Test
    void browsingLeavesTheMessagesReadyAndNotRedelivered() throws Exception {
        Channel ch = broker.channel();
        String q = queueWith(ch, "1", "2", "3");
        Snapshot snapshot = browse(broker.channel(), q, Map.of());
        assertThat(snapshot.bodies()).containsExactly("1", "2", "3");
        assertThat(snapshot.deliveries).allSatisfy(d -> assertThat(d.getEnvelope().isRedeliver()).isFalse());
        assertThat(readyCount(ch, q)).isEqualTo(3);

        Channel consumerChannel = broker.channel();
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(q, false, consumer);
        for (String expected : List.of("1", "2", "3")) {
            Delivery d = consumer.next(WAIT);
            assertThat(body(d)).isEqualTo(expected);
            assertThat(d.getEnvelope().isRedeliver()).as("browsing is not a delivery").isFalse();
            assertThat(d.getProperties().getHeaders()).isNull();
            consumerChannel.basicAck(d.getEnvelope().getDeliveryTag(), false);
        }
    }

    @Test
    void anEmptyQueueIsCancelledAtOnce() throws Exception {
        Channel ch = broker.channel();
        String q = queueWith(ch);
        assertThat(browse(ch, q, Map.of()).bodies()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void theLimitIsRespected() throws Exception {
        Channel ch = broker.channel();
        String q = queueWith(ch, "1", "2", "3", "4");
        assertThat(browse(ch, q, Map.of("x-browse-limit", 2)).bodies()).containsExactly("1", "2");
        assertThat(readyCount(ch, q)).isEqualTo(4);
    }

    @Test
    void aSelectorFiltersTheSnapshot() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        ch.confirmSelect();
        for (String region : List.of("eu", "us", "eu")) {
            ch.basicPublish("", q, new AMQP.BasicProperties.Builder().headers(Map.of("region", region)).build(), bytes(region));
        }
        ch.waitForConfirmsOrDie(5000);
        assertThat(browse(ch, q, Map.of("x-selector", "region = 'eu'")).bodies()).containsExactly("eu", "eu");
        assertThat(readyCount(ch, q)).isEqualTo(3);
    }

    @Test
    void anotherConsumerKeepsItsDeliveriesAndStillReceives() throws Exception {
        Channel ch = broker.channel();
        String q = queueWith(ch, "1", "2", "3");
        Channel consumerChannel = broker.channel();
        consumerChannel.basicQos(1);
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(q, false, consumer);
        Delivery held = consumer.next(WAIT);
        assertThat(body(held)).isEqualTo("1");

        // the unacked message is the consumer's, not the queue's: the snapshot has the ready ones
        assertThat(browse(broker.channel(), q, Map.of()).bodies()).containsExactly("2", "3");

        consumerChannel.basicAck(held.getEnvelope().getDeliveryTag(), false);
        for (String expected : List.of("2", "3")) {
            Delivery d = consumer.next(WAIT);
            assertThat(body(d)).isEqualTo(expected);
            assertThat(d.getEnvelope().isRedeliver()).isFalse();
            consumerChannel.basicAck(d.getEnvelope().getDeliveryTag(), false);
        }
    }

    @Test
    void browsingWithManualAckIsRefused() throws Exception {
        Channel ch = broker.channel();
        String q = queueWith(ch, "1");
        assertThatThrownBy(() -> ch.basicConsume(q, false, args("x-browse", true), new DefaultConsumer(ch)))
                .hasRootCauseInstanceOf(ShutdownSignalException.class)
                .rootCause().hasMessageContaining("406").hasMessageContaining("x-browse requires no-ack");
    }

    @Test
    void anExclusiveBrowseIsRefused() throws Exception {
        Channel ch = broker.channel();
        String q = queueWith(ch, "1");
        assertThatThrownBy(() -> ch.basicConsume(q, true, "", false, true, args("x-browse", true), new DefaultConsumer(ch)))
                .hasRootCauseInstanceOf(ShutdownSignalException.class)
                .rootCause().hasMessageContaining("406").hasMessageContaining("cannot be exclusive");
        Channel other = broker.channel();
        assertThat(readyCount(other, q)).isEqualTo(1);
    }
}
