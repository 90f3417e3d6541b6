package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transacted channel (tx.select) that closes without tx.commit: the acks, nacks and rejects it
 * held never took effect, so the messages they named come back to their queues, redelivered,
 * exactly as on RabbitMQ 3.10. Whether the channel or the whole connection closes.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TransactionCloseIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private String queue(Channel ch, boolean durable, Map<String, Object> args) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, durable, false, false, args);
        return q;
    }

    private static void publish(Channel ch, String q, String body, boolean persistent) throws Exception {
        ch.confirmSelect();
        ch.basicPublish("", q, persistent ? MessageProperties.PERSISTENT_TEXT_PLAIN : null, body.getBytes(StandardCharsets.UTF_8));
        ch.waitForConfirmsOrDie(5000);
    }

    /** basic.get with manual ack, polling: a requeue after a close is asynchronous on RabbitMQ. */
    private static GetResponse awaitGet(Channel ch, String q) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            GetResponse r = ch.basicGet(q, false);
            if (r != null) {
                return r;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nothing came back to " + q + " within 5 s");
    }

    private void assertCameBackRedelivered(String q, String body) throws Exception {
        Channel reader = broker.connect().createChannel();
        GetResponse again = awaitGet(reader, q);
        assertThat(new String(again.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(again.getEnvelope().isRedeliver()).as("redelivered flag").isTrue();
        reader.basicAck(again.getEnvelope().getDeliveryTag(), false);
        assertThat(reader.basicGet(q, false)).as("exactly one copy came back").isNull();
    }

    @Test
    void ackOfBasicGetInUncommittedTransactionIsUndoneWhenChannelCloses() throws Exception {
        Channel setup = broker.channel();
        String q = queue(setup, false, null);
        publish(setup, q, "held-ack", false);

        Channel tx = broker.connection().createChannel();
        tx.txSelect();
        GetResponse got = tx.basicGet(q, false);
        assertThat(got).isNotNull();
        tx.basicAck(got.getEnvelope().getDeliveryTag(), false);
        tx.close();

        assertCameBackRedelivered(q, "held-ack");
    }

    @Test
    void ackOfConsumedMessageInUncommittedTransactionIsUndoneWhenConnectionCloses() throws Exception {
        Channel setup = broker.channel();
        String q = queue(setup, true, null);
        publish(setup, q, "persistent-held-ack", true);

        Connection consumerConnection = broker.connect();
        Channel tx = consumerConnection.createChannel();
        tx.txSelect();
        BlockingQueue<Long> tags = new LinkedBlockingQueue<>();
        tx.basicConsume(q, false, new DefaultConsumer(tx) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                tags.add(envelope.getDeliveryTag());
            }
        });
        Long tag = tags.poll(5, TimeUnit.SECONDS);
        assertThat(tag).isNotNull();
        tx.basicAck(tag, false);
        tx.basicQos(0); // a round trip: the ack has been handled
        consumerConnection.close();

        assertCameBackRedelivered(q, "persistent-held-ack");
    }

    @Test
    void nackWithRequeueHeldInTransactionStillRequeuesOnClose() throws Exception {
        Channel setup = broker.channel();
        String q = queue(setup, false, null);
        publish(setup, q, "held-nack", false);

        Channel tx = broker.connection().createChannel();
        tx.txSelect();
        GetResponse got = tx.basicGet(q, false);
        tx.basicNack(got.getEnvelope().getDeliveryTag(), false, true);
        tx.close();

        assertCameBackRedelivered(q, "held-nack");
    }

    @Test
    void rejectWithoutRequeueHeldInTransactionNeitherDropsNorDeadLettersOnClose() throws Exception {
        Channel setup = broker.channel();
        String dlq = queue(setup, false, null);
        String q = queue(setup, false, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publish(setup, q, "held-reject", false);

        Channel tx = broker.connection().createChannel();
        tx.txSelect();
        GetResponse got = tx.basicGet(q, false);
        tx.basicReject(got.getEnvelope().getDeliveryTag(), false);
        tx.close();

        assertCameBackRedelivered(q, "held-reject");
        assertThat(setup.queueDeclarePassive(dlq).getMessageCount()).as("nothing dead-lettered").isZero();
    }

    @Test
    void committedAckStaysDoneWhileLaterUncommittedAckIsUndone() throws Exception {
        Channel setup = broker.channel();
        String q = queue(setup, false, null);
        publish(setup, q, "first", false);
        publish(setup, q, "second", false);

        Channel tx = broker.connection().createChannel();
        tx.txSelect();
        GetResponse first = tx.basicGet(q, false);
        tx.basicAck(first.getEnvelope().getDeliveryTag(), false);
        tx.txCommit();
        GetResponse second = tx.basicGet(q, false);
        tx.basicAck(second.getEnvelope().getDeliveryTag(), false);
        tx.close();

        assertCameBackRedelivered(q, "second");
    }
}
