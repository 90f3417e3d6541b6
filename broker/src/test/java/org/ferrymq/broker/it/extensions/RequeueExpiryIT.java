package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.DeathHeaders.text;
import static org.ferrymq.broker.it.extensions.DeathHeaders.xDeath;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.awaitGet;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.ferrymq.broker.it.extensions.Messages.expiring;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;
import static org.ferrymq.broker.it.extensions.Messages.readyCount;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message whose TTL ran out while it was unacked, or whose TTL is 0, is never redelivered after
 * a requeue (nack, reject, channel close), even when it comes back within the millisecond it
 * arrived: it expires (and is dead-lettered with reason expired), as in RabbitMQ 3.10.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RequeueExpiryIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration WAIT = Duration.ofSeconds(5);

    private String queue(Channel ch, Map<String, Object> args) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args);
        return q;
    }

    private String deadLetterQueue(Channel ch, String dlx) throws Exception {
        String dlq = broker.name("dlq");
        ch.exchangeDeclare(dlx, BuiltinExchangeType.FANOUT);
        ch.queueDeclare(dlq, false, false, false, null);
        ch.queueBind(dlq, dlx, "");
        return dlq;
    }

    @Test
    void ttlZeroMessagesNackedAtOnceAreNeverRedelivered() throws Exception {
        Channel ch = broker.channel();
        String dlx = broker.name("dlx");
        String dlq = deadLetterQueue(ch, dlx);
        String q = queue(ch, args("x-dead-letter-exchange", dlx));
        Channel consumer = broker.connect().createChannel();
        List<String> deliveries = new CopyOnWriteArrayList<>();
        consumer.basicConsume(q, false, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws java.io.IOException {
                deliveries.add(new String(body) + (envelope.isRedeliver() ? " again" : ""));
                consumer.basicNack(envelope.getDeliveryTag(), false, true); // at once: often the same millisecond
            }
        });
        int n = 30;
        ch.confirmSelect();
        for (int i = 0; i < n; i++) {
            ch.basicPublish("", q, expiring("0"), bytes("m" + i));
        }
        ch.waitForConfirmsOrDie(5000);

        Eventually.await("every TTL-0 message dead-lettered", WAIT, () -> readyCount(ch, dlq) == n);
        assertThat(deliveries).as("each delivered once, none redelivered").hasSize(n).noneMatch(d -> d.endsWith("again"));
        GetResponse dead = awaitGet(ch, dlq, WAIT);
        assertThat(text(xDeath(dead.getProps()).get(0).get("reason"))).isEqualTo("expired");
        assertThat(readyCount(ch, q)).isZero();
    }

    @Test
    void queueTtlZeroMessageRequeuedByChannelCloseIsGone() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-message-ttl", 0));
        Channel holder = broker.connect().createChannel();
        List<Long> tags = new CopyOnWriteArrayList<>();
        holder.basicConsume(q, false, new DefaultConsumer(holder) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                tags.add(envelope.getDeliveryTag());
            }
        });
        publishConfirmed(ch, q, "zero");
        Eventually.await("the waiting consumer got the TTL-0 message", WAIT, () -> tags.size() == 1);

        holder.close();

        Channel later = broker.connect().createChannel();
        later.basicConsume(q, true, new DefaultConsumer(later) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                tags.add(envelope.getDeliveryTag());
            }
        });
        Eventually.pause(300);
        assertThat(tags).as("never redelivered").hasSize(1);
        assertThat(readyCount(ch, q)).isZero();
    }

    @Test
    void messageThatExpiredWhileUnackedIsDeadLetteredOnRequeue() throws Exception {
        Channel ch = broker.channel();
        String dlx = broker.name("dlx");
        String dlq = deadLetterQueue(ch, dlx);
        String q = queue(ch, args("x-message-ttl", 200, "x-dead-letter-exchange", dlx));
        publishConfirmed(ch, q, "stale");
        GetResponse held = ch.basicGet(q, false);
        assertThat(body(held)).isEqualTo("stale");
        Eventually.pause(400);

        ch.basicReject(held.getEnvelope().getDeliveryTag(), true);

        GetResponse dead = awaitGet(ch, dlq, WAIT);
        assertThat(body(dead)).isEqualTo("stale");
        assertThat(text(xDeath(dead.getProps()).get(0).get("reason"))).isEqualTo("expired");
        assertThat(ch.basicGet(q, false)).as("never redelivered").isNull();
    }
}
