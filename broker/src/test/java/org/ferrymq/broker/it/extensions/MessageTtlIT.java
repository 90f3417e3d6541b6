package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.ferrymq.broker.it.extensions.Messages.drain;
import static org.ferrymq.broker.it.extensions.Messages.expiring;
import static org.ferrymq.broker.it.extensions.Messages.priority;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;
import static org.ferrymq.broker.it.extensions.Messages.readyCount;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message TTL as RabbitMQ defines it: the {@code x-message-ttl} queue argument and the
 * per-message {@code expiration} property (a string of milliseconds). The shorter of the two wins;
 * expired messages are never delivered nor counted; requeued messages keep their original expiry.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MessageTtlIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int BASIC = 60;
    private static final int PUBLISH = 40;
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(3);

    private String queueWithTtl(Channel ch, Object ttl) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, ttl == null ? null : args("x-message-ttl", ttl));
        return q;
    }

    private static void awaitEmpty(Channel ch, String q) throws Exception {
        Eventually.await("declare-ok of " + q + " counts 0 messages", EXPIRY_WAIT, () -> readyCount(ch, q) == 0);
    }

    @Test
    void messageWithinQueueTtlIsDelivered() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 10_000);
        publishConfirmed(ch, q, "fresh");
        assertThat(readyCount(ch, q)).isEqualTo(1);
        assertThat(drain(ch, q)).containsExactly("fresh");
    }

    @Test
    void messageExpiresAfterQueueTtlAndIsNotCounted() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 200);
        publishConfirmed(ch, q, "old");
        awaitEmpty(ch, q);
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void queueTtlMayBeSentAsLongOrInt() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 150L);
        publishConfirmed(ch, q, "old");
        awaitEmpty(ch, q);
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void expiredMessageIsNotDeliveredToALaterConsumer() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 200);
        publishConfirmed(ch, q, "old");
        awaitEmpty(ch, q);
        publishConfirmed(ch, q, "new");
        CollectingConsumer consumer = new CollectingConsumer(ch);
        ch.basicConsume(q, true, consumer);
        assertThat(body(consumer.next(Duration.ofSeconds(5)))).isEqualTo("new");
        assertThat(consumer.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void ttlZeroDropsMessageWhenNoConsumerIsWaiting() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 0);
        publishConfirmed(ch, q, "now-or-never");
        assertThat(readyCount(ch, q)).isZero();
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void ttlZeroDeliversToAWaitingConsumer() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 0);
        CollectingConsumer consumer = new CollectingConsumer(ch);
        ch.basicConsume(q, true, consumer);
        publishConfirmed(ch, q, "now");
        assertThat(body(consumer.next(Duration.ofSeconds(5)))).isEqualTo("now");
    }

    @Test
    void perMessageExpirationExpiresTheMessage() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        publishConfirmed(ch, "", q, expiring("150"), "short-lived");
        awaitEmpty(ch, q);
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void perMessageExpirationZeroWithoutConsumerDropsTheMessage() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        publishConfirmed(ch, "", q, expiring("0"), "now-or-never");
        assertThat(readyCount(ch, q)).isZero();
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void shorterMessageExpirationWinsOverQueueTtl() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 60_000);
        publishConfirmed(ch, "", q, expiring("150"), "message-ttl-wins");
        awaitEmpty(ch, q);
    }

    @Test
    void shorterQueueTtlWinsOverMessageExpiration() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 150);
        publishConfirmed(ch, "", q, expiring("60000"), "queue-ttl-wins");
        awaitEmpty(ch, q);
    }

    @Test
    void expirationPropertyIsDeliveredUnchanged() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        publishConfirmed(ch, "", q, expiring("60000"), "m");
        GetResponse r = ch.basicGet(q, true);
        assertThat(r).isNotNull();
        assertThat(r.getProps().getExpiration()).isEqualTo("60000");
    }

    @Test
    void expiredMessageBehindTheHeadIsSkippedOnGet() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        publishConfirmed(ch, "", q, null, "first");
        publishConfirmed(ch, "", q, expiring("100"), "expires");
        publishConfirmed(ch, "", q, null, "last");
        Eventually.pause(400);
        assertThat(drain(ch, q)).containsExactly("first", "last");
    }

    @Test
    void getOkCountDoesNotIncludeExpiredMessages() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        publishConfirmed(ch, "", q, expiring("100"), "expires");
        publishConfirmed(ch, "", q, null, "stays-1");
        publishConfirmed(ch, "", q, null, "stays-2");
        Eventually.await("head message expired", EXPIRY_WAIT, () -> readyCount(ch, q) == 2);
        GetResponse r = ch.basicGet(q, true);
        assertThat(body(r)).isEqualTo("stays-1");
        assertThat(r.getMessageCount()).as("get-ok message-count (messages left)").isEqualTo(1);
    }

    @Test
    void requeuedMessageKeepsItsOriginalTtl() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 300);
        publishConfirmed(ch, q, "held");
        GetResponse r = ch.basicGet(q, false);
        assertThat(r).isNotNull();
        Eventually.pause(500);
        ch.basicNack(r.getEnvelope().getDeliveryTag(), false, true);
        assertThat(ch.basicGet(q, true)).as("requeued message past its TTL").isNull();
        assertThat(readyCount(ch, q)).isZero();
    }

    @Test
    void messageRequeuedByChannelCloseKeepsItsOriginalTtl() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        publishConfirmed(ch, "", q, expiring("300"), "held");
        Channel holder = broker.channel();
        GetResponse r = holder.basicGet(q, false);
        assertThat(r).isNotNull();
        Eventually.pause(500);
        holder.close();
        assertThat(ch.basicGet(q, true)).as("requeued message past its expiration").isNull();
        assertThat(readyCount(ch, q)).isZero();
    }

    @Test
    void nonNumericExpirationIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(406, BASIC, PUBLISH, () -> {
            ch.basicPublish("", broker.name("q"), expiring("abc"), bytes("x"));
            ch.basicQos(0);
        });
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid expiration 'abc': no_integer");
    }

    @Test
    void negativeExpirationIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        String text = assertChannelError(406, BASIC, PUBLISH, () -> {
            ch.basicPublish("", q, expiring("-1"), bytes("x"));
            ch.basicQos(0);
        });
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid expiration '-1': {value_negative,-1}");
    }

    @Test
    void fractionalExpirationIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        String text = assertChannelError(406, BASIC, PUBLISH, () -> {
            ch.basicPublish("", q, expiring("1.5"), bytes("x"));
            ch.basicQos(0);
        });
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid expiration '1.5': {leftover_string,\".5\"}");
    }

    @Test
    void tooLargeExpirationIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, null);
        String text = assertChannelError(406, BASIC, PUBLISH, () -> {
            ch.basicPublish("", q, expiring("315360000001"), bytes("x"));
            ch.basicQos(0);
        });
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid expiration '315360000001': {value_too_large,315360000001}");
    }

    @Test
    void readyMessageExpiresWhileTheConsumerIsAtItsPrefetchLimit() throws Exception {
        Channel ch = broker.channel();
        String q = queueWithTtl(ch, 300);
        Channel consumerChannel = broker.channel();
        consumerChannel.basicQos(1);
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(q, false, consumer);
        publishConfirmed(ch, q, "taken", "waits");
        Delivery taken = consumer.next(Duration.ofSeconds(5));
        assertThat(body(taken)).isEqualTo("taken");
        awaitEmpty(ch, q);
        consumerChannel.basicAck(taken.getEnvelope().getDeliveryTag(), false);
        assertThat(consumer.poll(Duration.ofMillis(300))).as("the waiting message expired").isNull();
    }

    @Test
    void messagesOfAPriorityQueueExpireToo() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args("x-max-priority", 5, "x-message-ttl", 150));
        publishConfirmed(ch, "", q, priority(1), "low");
        publishConfirmed(ch, "", q, priority(5), "high");
        awaitEmpty(ch, q);
        assertThat(ch.basicGet(q, true)).isNull();
    }
}
