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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import org.ferrymq.broker.it.support.AmqpAssertions;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Length limits ({@code x-max-length}, {@code x-max-length-bytes}) and what happens on overflow
 * ({@code x-overflow}): drop-head (default; the oldest message is dropped or dead-lettered),
 * reject-publish (the new message is refused and nacked under publisher confirms) and
 * reject-publish-dlx (refused, nacked and dead-lettered).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MaxLengthIT {
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

    /** Publishes one message in confirm mode and returns whether the broker acked it. */
    private static boolean publishAndConfirm(Channel ch, String q, String body) throws Exception {
        ch.confirmSelect();
        ch.basicPublish("", q, null, bytes(body));
        return ch.waitForConfirms(5000);
    }

    @Test
    void dropHeadIsTheDefaultAndKeepsTheNewestMessages() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 2));
        publishConfirmed(ch, q, "a", "b", "c");
        assertThat(readyCount(ch, q)).isEqualTo(2);
        assertThat(drain(ch, q)).containsExactly("b", "c");
    }

    @Test
    void explicitDropHeadDropsTheOldest() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 1, "x-overflow", "drop-head"));
        publishConfirmed(ch, q, "a", "b", "c");
        assertThat(drain(ch, q)).containsExactly("c");
    }

    @Test
    void dropHeadCountsOnlyReadyMessagesNotUnacked() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 1));
        publishConfirmed(ch, q, "a");
        GetResponse held = ch.basicGet(q, false);
        publishConfirmed(ch, q, "b");
        assertThat(readyCount(ch, q)).isEqualTo(1);
        ch.basicAck(held.getEnvelope().getDeliveryTag(), false);
        assertThat(drain(ch, q)).containsExactly("b");
    }

    @Test
    void maxLengthZeroDropsEveryMessage() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 0));
        publishConfirmed(ch, q, "a", "b");
        assertThat(readyCount(ch, q)).isZero();
    }

    @Test
    void maxLengthBytesCountsBodyBytes() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length-bytes", 10));
        publishConfirmed(ch, q, "aaaa", "bbbb", "cccc");
        assertThat(drain(ch, q)).containsExactly("bbbb", "cccc");
    }

    @Test
    void maxLengthBytesDropsAMessageLargerThanTheLimit() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length-bytes", 3));
        publishConfirmed(ch, q, "ab", "too-long");
        assertThat(readyCount(ch, q)).isZero();
    }

    @Test
    void theStricterOfTheTwoLimitsApplies() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 5, "x-max-length-bytes", 6));
        publishConfirmed(ch, q, "111", "222", "333");
        assertThat(drain(ch, q)).containsExactly("222", "333");
    }

    @Test
    void rejectPublishNacksTheOverflowingMessage() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 1, "x-overflow", "reject-publish"));
        assertThat(publishAndConfirm(ch, q, "first")).isTrue();
        assertThat(publishAndConfirm(ch, q, "second")).as("waitForConfirms after a refused publish").isFalse();
        assertThat(drain(ch, q)).containsExactly("first");
    }

    @Test
    void rejectPublishNackReachesTheConfirmListener() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 2, "x-overflow", "reject-publish"));
        List<String> confirms = new CopyOnWriteArrayList<>();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                confirms.add("ack:" + tag + (multiple ? "+" : ""));
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                confirms.add("nack:" + tag + (multiple ? "+" : ""));
            }
        });
        ch.confirmSelect();
        for (String b : List.of("1", "2", "3")) {
            ch.basicPublish("", q, null, bytes(b));
        }
        Eventually.await("confirm for tag 3", WAIT, () -> confirms.stream().anyMatch(c -> c.contains(":3")));
        assertThat(confirms).contains("nack:3");
        assertThat(confirms).noneMatch(c -> c.startsWith("nack:1") || c.startsWith("nack:2"));
        assertThat(drain(ch, q)).containsExactly("1", "2");
    }

    @Test
    void rejectPublishWithoutConfirmsDropsSilently() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 1, "x-overflow", "reject-publish"));
        ch.basicPublish("", q, null, bytes("first"));
        ch.basicPublish("", q, null, bytes("second"));
        AmqpAssertions.sync(ch);
        assertThat(ch.isOpen()).isTrue();
        Eventually.await("first message enqueued", WAIT, () -> readyCount(ch, q) == 1);
        assertThat(drain(ch, q)).containsExactly("first");
    }

    @Test
    void rejectPublishAcceptsAgainOnceThereIsRoom() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 1, "x-overflow", "reject-publish"));
        assertThat(publishAndConfirm(ch, q, "first")).isTrue();
        assertThat(publishAndConfirm(ch, q, "refused")).isFalse();
        assertThat(body(ch.basicGet(q, true))).isEqualTo("first");
        assertThat(publishAndConfirm(ch, q, "third")).isTrue();
        assertThat(drain(ch, q)).containsExactly("third");
    }

    @Test
    void rejectPublishAppliesToMaxLengthBytes() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length-bytes", 5, "x-overflow", "reject-publish"));
        assertThat(publishAndConfirm(ch, q, "abcd")).isTrue();
        assertThat(publishAndConfirm(ch, q, "efgh")).isFalse();
        assertThat(drain(ch, q)).containsExactly("abcd");
    }

    @Test
    void rejectPublishDoesNotDeadLetter() throws Exception {
        Channel ch = broker.channel();
        String dlx = broker.name("dlx");
        String dlq = deadLetterQueue(ch, dlx);
        String q = queue(ch, args("x-max-length", 1, "x-overflow", "reject-publish", "x-dead-letter-exchange", dlx));
        assertThat(publishAndConfirm(ch, q, "first")).isTrue();
        assertThat(publishAndConfirm(ch, q, "refused")).isFalse();
        Eventually.pause(200);
        assertThat(readyCount(ch, dlq)).isZero();
    }

    @Test
    void rejectPublishDlxNacksAndDeadLettersTheRefusedMessage() throws Exception {
        Channel ch = broker.channel();
        String dlx = broker.name("dlx");
        String dlq = deadLetterQueue(ch, dlx);
        String q = queue(ch, args("x-max-length", 1, "x-overflow", "reject-publish-dlx", "x-dead-letter-exchange", dlx));
        assertThat(publishAndConfirm(ch, q, "first")).isTrue();
        assertThat(publishAndConfirm(ch, q, "refused")).isFalse();

        GetResponse dead = awaitGet(ch, dlq, WAIT);
        assertThat(body(dead)).isEqualTo("refused");
        assertThat(text(xDeath(dead.getProps()).get(0).get("reason"))).isEqualTo("maxlen");
        assertThat(text(xDeath(dead.getProps()).get(0).get("queue"))).isEqualTo(q);
        assertThat(drain(ch, q)).containsExactly("first");
    }

    @Test
    void aMessageRefusedByOneOfTwoQueuesIsNackedButStillDeliveredToTheOther() throws Exception {
        Channel ch = broker.channel();
        String fanout = broker.name("fan");
        ch.exchangeDeclare(fanout, BuiltinExchangeType.FANOUT);
        String full = queue(ch, args("x-max-length", 0, "x-overflow", "reject-publish"));
        String open = queue(ch, null);
        ch.queueBind(full, fanout, "");
        ch.queueBind(open, fanout, "");
        ch.confirmSelect();
        ch.basicPublish(fanout, "", null, bytes("m"));
        assertThat(ch.waitForConfirms(5000)).isFalse();
        assertThat(drain(ch, open)).containsExactly("m");
        assertThat(readyCount(ch, full)).isZero();
    }

    @Test
    void aRefusedMandatoryMessageIsNackedNotReturned() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, args("x-max-length", 0, "x-overflow", "reject-publish"));
        List<Return> returns = new CopyOnWriteArrayList<>();
        ch.addReturnListener(returns::add);
        ch.confirmSelect();
        ch.basicPublish("", q, true, null, bytes("m"));
        assertThat(ch.waitForConfirms(5000)).isFalse();
        assertThat(returns).as("the message was routed, so it is not returned").isEmpty();
    }
}
