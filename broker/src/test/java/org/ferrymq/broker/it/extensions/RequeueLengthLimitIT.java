package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.DeathHeaders.text;
import static org.ferrymq.broker.it.extensions.DeathHeaders.xDeath;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.awaitGet;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.ferrymq.broker.it.extensions.Messages.drain;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;
import static org.ferrymq.broker.it.extensions.Messages.readyCount;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Length limits hold after a requeue too, as in RabbitMQ 3.10: a requeued message goes back to
 * the head, so a drop-head queue pushed over its limit drops (and dead-letters, reason maxlen)
 * from the head; a reject-publish queue keeps everything requeued and refuses publishes while
 * it is over the limit.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RequeueLengthLimitIT {
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

    /** The queue holds {@code held} unacked on the returned channel and {@code ready} ready. */
    private static GetResponse holdOneThenFill(Channel ch, String q, String held, String... ready) throws Exception {
        publishConfirmed(ch, q, held);
        GetResponse got = ch.basicGet(q, false);
        assertThat(body(got)).isEqualTo(held);
        publishConfirmed(ch, q, ready);
        return got;
    }

    @Test
    void dropHeadAfterRequeueDeadLettersTheRequeuedHeadAsMaxlen() throws Exception {
        Channel ch = broker.channel();
        String dlx = broker.name("dlx");
        String dlq = deadLetterQueue(ch, dlx);
        String q = queue(ch, args("x-max-length", 1, "x-dead-letter-exchange", dlx));
        GetResponse held = holdOneThenFill(ch, q, "old", "new");

        ch.basicNack(held.getEnvelope().getDeliveryTag(), false, true);

        GetResponse dead = awaitGet(ch, dlq, WAIT);
        assertThat(body(dead)).isEqualTo("old");
        assertThat(text(xDeath(dead.getProps()).get(0).get("reason"))).isEqualTo("maxlen");
        assertThat(drain(ch, q)).containsExactly("new");
    }

    @Test
    void dropHeadByBytesAfterRequeueOnChannelClose() throws Exception {
        Channel setup = broker.channel();
        String q = queue(setup, args("x-max-length-bytes", 8, "x-overflow", "drop-head"));
        Channel holder = broker.connection().createChannel();
        holdOneThenFill(holder, q, "aaaa", "bbbb", "cccc");
        assertThat(readyCount(setup, q)).isEqualTo(2);

        holder.close(); // requeues "aaaa": 12 bytes ready, over the limit of 8

        Eventually.await("the requeued head dropped", WAIT, () -> readyCount(setup, q) == 2);
        assertThat(drain(setup, q)).containsExactly("bbbb", "cccc");
    }

    @Test
    void rejectPublishKeepsRequeuedMessagesAndRefusesWhileOverTheLimit() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 1, "x-overflow", "reject-publish"));
        GetResponse held = holdOneThenFill(ch, q, "old", "new");

        ch.basicReject(held.getEnvelope().getDeliveryTag(), true);
        Eventually.await("the requeued message is back", WAIT, () -> readyCount(ch, q) == 2);

        ch.confirmSelect();
        ch.basicPublish("", q, null, bytes("refused"));
        assertThat(ch.waitForConfirms(5000)).as("publish to a queue over its limit is nacked").isFalse();
        assertThat(drain(ch, q)).containsExactly("old", "new");
    }
}
