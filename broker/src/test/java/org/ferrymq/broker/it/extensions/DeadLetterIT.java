package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.DeathHeaders.header;
import static org.ferrymq.broker.it.extensions.DeathHeaders.text;
import static org.ferrymq.broker.it.extensions.DeathHeaders.xDeath;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.awaitGet;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.drain;
import static org.ferrymq.broker.it.extensions.Messages.expiring;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;
import static org.ferrymq.broker.it.extensions.Messages.readyCount;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.AmqpAssertions;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dead-lettering ({@code x-dead-letter-exchange}, {@code x-dead-letter-routing-key}): messages
 * rejected or nacked without requeue, expired, or dropped by a length limit are republished to the
 * dead-letter exchange with an {@code x-death} history and {@code x-first-death-*} headers.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DeadLetterIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A fanout dead-letter exchange with one queue bound to it: the exchange name and the queue name. */
    private record DeadLetterTarget(String exchange, String queue) {
    }

    private DeadLetterTarget fanoutTarget(Channel ch) throws Exception {
        String dlx = broker.name("dlx");
        String dlq = broker.name("dlq");
        ch.exchangeDeclare(dlx, BuiltinExchangeType.FANOUT);
        ch.queueDeclare(dlq, false, false, false, null);
        ch.queueBind(dlq, dlx, "");
        return new DeadLetterTarget(dlx, dlq);
    }

    private String sourceQueue(Channel ch, Map<String, Object> args) throws Exception {
        String q = broker.name("src");
        ch.queueDeclare(q, false, false, false, args);
        return q;
    }

    private static GetResponse rejectOne(Channel ch, String q) throws Exception {
        GetResponse r = ch.basicGet(q, false);
        assertThat(r).as("message to reject in %s", q).isNotNull();
        ch.basicReject(r.getEnvelope().getDeliveryTag(), false);
        return r;
    }

    @Test
    void rejectWithoutRequeueDeadLettersWithFullXDeath() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        long before = System.currentTimeMillis() / 1000;
        publishConfirmed(ch, q, "m");
        rejectOne(ch, q);

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(body(dead)).isEqualTo("m");
        assertThat(dead.getEnvelope().getExchange()).isEqualTo(dl.exchange());
        assertThat(dead.getEnvelope().getRoutingKey()).as("original routing key kept").isEqualTo(q);
        List<Map<String, Object>> deaths = xDeath(dead.getProps());
        assertThat(deaths).hasSize(1);
        Map<String, Object> death = deaths.get(0);
        assertThat(death.get("count")).isEqualTo(1L);
        assertThat(text(death.get("reason"))).isEqualTo("rejected");
        assertThat(text(death.get("queue"))).isEqualTo(q);
        assertThat(text(death.get("exchange"))).isEqualTo("");
        assertThat(death.get("routing-keys")).asList().extracting(Object::toString).containsExactly(q);
        assertThat(death.get("time")).isInstanceOf(Date.class);
        long seconds = ((Date) death.get("time")).getTime() / 1000;
        assertThat(seconds).isBetween(before - 5, System.currentTimeMillis() / 1000 + 5);
        assertThat(death).doesNotContainKey("original-expiration");
        assertThat(header(dead.getProps(), "x-first-death-reason")).isEqualTo("rejected");
        assertThat(header(dead.getProps(), "x-first-death-queue")).isEqualTo(q);
        assertThat(header(dead.getProps(), "x-first-death-exchange")).isEqualTo("");
    }

    @Test
    void nackMultipleWithoutRequeueDeadLettersEachMessageInOrder() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        publishConfirmed(ch, q, "a", "b", "c");
        long last = 0;
        for (int i = 0; i < 3; i++) {
            last = ch.basicGet(q, false).getEnvelope().getDeliveryTag();
        }
        ch.basicNack(last, true, false);
        Eventually.await("3 dead letters", WAIT, () -> readyCount(ch, dl.queue()) == 3);
        assertThat(drain(ch, dl.queue())).containsExactly("a", "b", "c");
        assertThat(readyCount(ch, q)).isZero();
    }

    @Test
    void rejectWithRequeueDoesNotDeadLetter() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        publishConfirmed(ch, q, "m");
        GetResponse r = ch.basicGet(q, false);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), true);
        GetResponse again = ch.basicGet(q, true);
        assertThat(body(again)).isEqualTo("m");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(readyCount(ch, dl.queue())).isZero();
    }

    @Test
    void deadLetterRoutingKeyReplacesTheRoutingKey() throws Exception {
        Channel ch = broker.channel();
        String dlx = broker.name("dlx");
        String dlq = broker.name("dlq");
        ch.exchangeDeclare(dlx, BuiltinExchangeType.DIRECT);
        ch.queueDeclare(dlq, false, false, false, null);
        ch.queueBind(dlq, dlx, "dead-key");
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "dead-key"));
        publishConfirmed(ch, q, "m");
        rejectOne(ch, q);

        GetResponse dead = awaitGet(ch, dlq, WAIT);
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("dead-key");
        assertThat(xDeath(dead.getProps()).get(0).get("routing-keys")).asList()
                .extracting(Object::toString).as("x-death keeps the original keys").containsExactly(q);
    }

    @Test
    void withoutDeadLetterRoutingKeyTheOriginalKeyAndExchangeAreRecorded() throws Exception {
        Channel ch = broker.channel();
        String src = broker.name("src-x");
        String dlx = broker.name("dlx");
        String dlq = broker.name("dlq");
        ch.exchangeDeclare(src, BuiltinExchangeType.DIRECT);
        ch.exchangeDeclare(dlx, BuiltinExchangeType.DIRECT);
        ch.queueDeclare(dlq, false, false, false, null);
        ch.queueBind(dlq, dlx, "orig-key");
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dlx));
        ch.queueBind(q, src, "orig-key");
        publishConfirmed(ch, src, "orig-key", null, "m");
        rejectOne(ch, q);

        GetResponse dead = awaitGet(ch, dlq, WAIT);
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("orig-key");
        Map<String, Object> death = xDeath(dead.getProps()).get(0);
        assertThat(text(death.get("exchange"))).isEqualTo(src);
        assertThat(death.get("routing-keys")).asList().extracting(Object::toString).containsExactly("orig-key");
        assertThat(header(dead.getProps(), "x-first-death-exchange")).isEqualTo(src);
    }

    @Test
    void ccRoutingKeysAreRecordedInXDeath() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(Map.of("CC", List.of("other-key"))).build();
        publishConfirmed(ch, "", q, props, "m");
        rejectOne(ch, q);

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(xDeath(dead.getProps()).get(0).get("routing-keys")).asList()
                .extracting(Object::toString).containsExactly(q, "other-key");
    }

    @Test
    void expiredMessageIsDeadLetteredWithOriginalExpirationAndNoExpirationProperty() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        publishConfirmed(ch, "", q, expiring("100"), "m");

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(dead.getProps().getExpiration()).as("expiration removed from the dead-lettered copy").isNull();
        Map<String, Object> death = xDeath(dead.getProps()).get(0);
        assertThat(text(death.get("reason"))).isEqualTo("expired");
        assertThat(text(death.get("original-expiration"))).isEqualTo("100");
        assertThat(header(dead.getProps(), "x-first-death-reason")).isEqualTo("expired");
    }

    @Test
    void queueTtlExpiryDeadLettersWithoutOriginalExpiration() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange(), "x-message-ttl", 100));
        publishConfirmed(ch, q, "m");

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        Map<String, Object> death = xDeath(dead.getProps()).get(0);
        assertThat(text(death.get("reason"))).isEqualTo("expired");
        assertThat(death).doesNotContainKey("original-expiration");
    }

    @Test
    void rejectedMessageWithExpirationLosesItAndRecordsOriginalExpiration() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        publishConfirmed(ch, "", q, expiring("60000"), "m");
        rejectOne(ch, q);

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(dead.getProps().getExpiration()).isNull();
        Map<String, Object> death = xDeath(dead.getProps()).get(0);
        assertThat(text(death.get("reason"))).isEqualTo("rejected");
        assertThat(text(death.get("original-expiration"))).isEqualTo("60000");
    }

    @Test
    void requeuedMessagePastItsTtlIsDeadLetteredAsExpired() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange(), "x-message-ttl", 300));
        publishConfirmed(ch, q, "m");
        GetResponse r = ch.basicGet(q, false);
        Eventually.pause(500);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), true);

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(text(xDeath(dead.getProps()).get(0).get("reason"))).isEqualTo("expired");
    }

    @Test
    void dropHeadOverflowDeadLettersTheOldestWithReasonMaxlen() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange(), "x-max-length", 1));
        publishConfirmed(ch, q, "oldest", "newest");

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(body(dead)).isEqualTo("oldest");
        assertThat(text(xDeath(dead.getProps()).get(0).get("reason"))).isEqualTo("maxlen");
        assertThat(header(dead.getProps(), "x-first-death-reason")).isEqualTo("maxlen");
        assertThat(drain(ch, q)).containsExactly("newest");
    }

    @Test
    void deadLetteringViaTheDefaultExchangeUsesTheDeadLetterRoutingKey() throws Exception {
        Channel ch = broker.channel();
        String dlq = broker.name("dlq");
        ch.queueDeclare(dlq, false, false, false, null);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(ch, q, "m");
        rejectOne(ch, q);

        GetResponse dead = awaitGet(ch, dlq, WAIT);
        assertThat(body(dead)).isEqualTo("m");
        assertThat(dead.getEnvelope().getExchange()).isEmpty();
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo(dlq);
    }

    @Test
    void deadLetteredAgainFromTheSameQueueForTheSameReasonIncrementsCount() throws Exception {
        Channel ch = broker.channel();
        String work = broker.name("work");
        String retry = broker.name("retry");
        // work --rejected--> retry --expired--> work: a retry loop, which RabbitMQ allows because a rejection is in the cycle
        ch.queueDeclare(work, false, false, false, args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", retry));
        ch.queueDeclare(retry, false, false, false,
                args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", work, "x-message-ttl", 50));
        publishConfirmed(ch, work, "m");

        rejectOne(ch, work);
        Eventually.await("message back in work after 1 round", WAIT, () -> readyCount(ch, work) == 1);
        GetResponse second = rejectOne(ch, work);
        List<Map<String, Object>> firstRound = xDeath(second.getProps());
        assertThat(firstRound).hasSize(2);
        assertThat(text(firstRound.get(0).get("queue"))).as("most recent death first").isEqualTo(retry);
        assertThat(text(firstRound.get(0).get("reason"))).isEqualTo("expired");
        assertThat(text(firstRound.get(1).get("queue"))).isEqualTo(work);
        assertThat(text(firstRound.get(1).get("reason"))).isEqualTo("rejected");

        Eventually.await("message back in work after 2 rounds", WAIT, () -> readyCount(ch, work) == 1);
        GetResponse third = ch.basicGet(work, true);
        List<Map<String, Object>> deaths = xDeath(third.getProps());
        assertThat(deaths).hasSize(2);
        assertThat(text(deaths.get(0).get("queue"))).isEqualTo(retry);
        assertThat(deaths.get(0).get("count")).isEqualTo(2L);
        assertThat(text(deaths.get(1).get("queue"))).isEqualTo(work);
        assertThat(deaths.get(1).get("count")).isEqualTo(2L);
        assertThat(header(third.getProps(), "x-first-death-reason")).as("first death never changes").isEqualTo("rejected");
        assertThat(header(third.getProps(), "x-first-death-queue")).isEqualTo(work);
    }

    @Test
    void missingDeadLetterExchangeDropsTheMessage() throws Exception {
        Channel ch = broker.channel();
        String q = sourceQueue(ch, args("x-dead-letter-exchange", broker.name("no-such-dlx")));
        publishConfirmed(ch, q, "m");
        rejectOne(ch, q);
        AmqpAssertions.sync(ch);
        assertThat(ch.isOpen()).isTrue();
        assertThat(readyCount(ch, q)).isZero();
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void headersAndPropertiesSurviveDeadLettering() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .correlationId("corr-1").contentType("text/plain").messageId("id-7")
                .headers(Map.of("app-header", "kept")).build();
        publishConfirmed(ch, "", q, props, "m");
        rejectOne(ch, q);

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(dead.getProps().getCorrelationId()).isEqualTo("corr-1");
        assertThat(dead.getProps().getContentType()).isEqualTo("text/plain");
        assertThat(dead.getProps().getMessageId()).isEqualTo("id-7");
        assertThat(header(dead.getProps(), "app-header")).isEqualTo("kept");
    }

    @Test
    void purgedMessagesAreNotDeadLettered() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        publishConfirmed(ch, q, "a", "b");
        assertThat(ch.queuePurge(q).getMessageCount()).isEqualTo(2);
        Eventually.pause(200);
        assertThat(readyCount(ch, dl.queue())).isZero();
    }

    @Test
    void anExpiryOnlyCycleIsDroppedAfterOneRound() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("loop");
        // dead-letters expired messages back to itself: RabbitMQ breaks the cycle once the queue is in x-death for expiry
        ch.queueDeclare(q, false, false, false,
                args("x-message-ttl", 100, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", q));
        publishConfirmed(ch, q, "m");
        Eventually.pause(800);
        // a message still looping would be ready nearly all the time: sample a few times
        for (int i = 0; i < 5; i++) {
            assertThat(readyCount(ch, q)).as("sample %d after 8 TTLs", i).isZero();
            Eventually.pause(100);
        }
    }

    @Test
    void consumerNackWithoutRequeueDeadLetters() throws Exception {
        Channel ch = broker.channel();
        DeadLetterTarget dl = fanoutTarget(ch);
        String q = sourceQueue(ch, args("x-dead-letter-exchange", dl.exchange()));
        Channel consumerChannel = broker.channel();
        CollectingConsumer consumer = new CollectingConsumer(consumerChannel);
        consumerChannel.basicConsume(q, false, consumer);
        publishConfirmed(ch, q, "m");
        Delivery d = consumer.next(WAIT);
        consumerChannel.basicNack(d.getEnvelope().getDeliveryTag(), false, false);

        GetResponse dead = awaitGet(ch, dl.queue(), WAIT);
        assertThat(body(dead)).isEqualTo("m");
        assertThat(text(xDeath(dead.getProps()).get(0).get("reason"))).isEqualTo("rejected");
        assertThat(dead.getEnvelope().isRedeliver()).as("first delivery from the dead-letter queue").isFalse();
    }
}
