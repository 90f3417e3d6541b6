package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.QueueContents.bodies;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RabbitMQ's queue and exchange arguments that the FerryMQ model implements: message TTL
 * (per queue and per message), dead-letter exchanges with x-death, max-length with its overflow
 * modes, queue expiry and alternate exchanges.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class QueueArgumentsIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private String queue(Channel ch, Map<String, Object> args) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args);
        return q;
    }

    /** Polls basic.get until a message arrives (dead-lettering and expiry are asynchronous). */
    private static GetResponse awaitMessage(Channel ch, String q) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            GetResponse r = ch.basicGet(q, true);
            if (r != null) {
                return r;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no message in " + q + " within 5 s");
    }

    @Test
    void queueMessageTtlExpiresMessages() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-message-ttl", 100));
        ch.basicPublish("", q, null, "short-lived".getBytes());
        Thread.sleep(400);
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void messageExpirationPropertyExpiresMessage() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, null);
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().expiration("100").build(), "short".getBytes());
        ch.basicPublish("", q, null, "long".getBytes());
        Thread.sleep(400);
        assertThat(bodies(ch, q)).containsExactly("long");
    }

    @Test
    void invalidExpirationPropertyIs406() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, null);
        var shutdown = org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf(ch);
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().expiration("soon").build(), "x".getBytes());
        String text = org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose(
                org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown(shutdown), 406, 60, 40);
        // RabbitMQ appends an Erlang term: "PRECONDITION_FAILED - invalid expiration 'soon': no_integer"
        assertThat(text).startsWith("PRECONDITION_FAILED - invalid expiration 'soon'");
    }

    @Test
    void unexpiredMessagesAreDelivered() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-message-ttl", 60_000));
        ch.basicPublish("", q, null, "fresh".getBytes());
        assertThat(bodies(ch, q)).containsExactly("fresh");
    }

    @Test
    void rejectedMessageIsDeadLetteredWithXDeath() throws Exception {
        Channel ch = broker.channel();
        String dlx = broker.name("dlx");
        ch.exchangeDeclare(dlx, "fanout");
        String dead = queue(ch, null);
        ch.queueBind(dead, dlx, "");
        String q = queue(ch, Map.of("x-dead-letter-exchange", dlx));
        ch.basicPublish("", q, null, "bad".getBytes());
        GetResponse r = ch.basicGet(q, false);
        ch.basicReject(r.getEnvelope().getDeliveryTag(), false);

        GetResponse deadLetter = awaitMessage(ch, dead);
        assertThat(deadLetter.getBody()).isEqualTo("bad".getBytes());
        assertThat(deadLetter.getEnvelope().getExchange()).isEqualTo(dlx);
        assertThat(deadLetter.getEnvelope().getRoutingKey()).isEqualTo(q);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> xDeath = (List<Map<String, Object>>) deadLetter.getProps().getHeaders().get("x-death");
        assertThat(xDeath).hasSize(1);
        Map<String, Object> death = xDeath.get(0);
        assertThat(death.get("reason").toString()).isEqualTo("rejected");
        assertThat(death.get("queue").toString()).isEqualTo(q);
        assertThat(death.get("exchange").toString()).isEmpty();
        assertThat(death.get("count")).isEqualTo(1L);
        assertThat(((List<?>) death.get("routing-keys")).get(0).toString()).isEqualTo(q);
        assertThat(deadLetter.getProps().getHeaders().get("x-first-death-reason").toString()).isEqualTo("rejected");
        assertThat(deadLetter.getProps().getHeaders().get("x-first-death-queue").toString()).isEqualTo(q);
    }

    @Test
    void nackedMessageIsDeadLetteredWithRoutingKeyOverride() throws Exception {
        Channel ch = broker.channel();
        String dead = queue(ch, null);
        String q = queue(ch, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dead));
        ch.basicPublish("", q, null, "nacked".getBytes());
        GetResponse r = ch.basicGet(q, false);
        ch.basicNack(r.getEnvelope().getDeliveryTag(), false, false);
        GetResponse deadLetter = awaitMessage(ch, dead);
        assertThat(deadLetter.getEnvelope().getRoutingKey()).isEqualTo(dead);
        assertThat(deadLetter.getBody()).isEqualTo("nacked".getBytes());
    }

    @Test
    void expiredMessageIsDeadLetteredAsExpired() throws Exception {
        Channel ch = broker.channel();
        String dead = queue(ch, null);
        String q = queue(ch, Map.of("x-message-ttl", 50, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dead));
        ch.basicPublish("", q, null, "expired".getBytes());
        GetResponse deadLetter = awaitMessage(ch, dead);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> xDeath = (List<Map<String, Object>>) deadLetter.getProps().getHeaders().get("x-death");
        assertThat(xDeath.get(0).get("reason").toString()).isEqualTo("expired");
    }

    @Test
    void requeuedRejectIsNotDeadLettered() throws Exception {
        Channel ch = broker.channel();
        String dead = queue(ch, null);
        String q = queue(ch, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dead));
        ch.basicPublish("", q, null, "again".getBytes());
        ch.basicReject(ch.basicGet(q, false).getEnvelope().getDeliveryTag(), true);
        assertThat(bodies(ch, q)).containsExactly("again");
        assertThat(ch.basicGet(dead, true)).isNull();
    }

    @Test
    void maxLengthDropsTheOldestMessages() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-max-length", 2));
        for (String m : List.of("a", "b", "c", "d")) {
            ch.basicPublish("", q, null, m.getBytes());
        }
        assertThat(bodies(ch, q)).containsExactly("c", "d");
    }

    @Test
    void maxLengthOverflowDeadLettersAsMaxlen() throws Exception {
        Channel ch = broker.channel();
        String dead = queue(ch, null);
        String q = queue(ch, Map.of("x-max-length", 1, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dead));
        ch.basicPublish("", q, null, "first".getBytes());
        ch.basicPublish("", q, null, "second".getBytes());
        GetResponse deadLetter = awaitMessage(ch, dead);
        assertThat(deadLetter.getBody()).isEqualTo("first".getBytes());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> xDeath = (List<Map<String, Object>>) deadLetter.getProps().getHeaders().get("x-death");
        assertThat(xDeath.get(0).get("reason").toString()).isEqualTo("maxlen");
    }

    @Test
    void rejectPublishOverflowNacksTheNewMessage() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger nacks = new AtomicInteger();
        CountDownLatch both = new CountDownLatch(2);
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                acks.incrementAndGet();
                both.countDown();
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                nacks.incrementAndGet();
                both.countDown();
            }
        });
        ch.confirmSelect();
        ch.basicPublish("", q, null, "kept".getBytes());
        ch.waitForConfirmsOrDie(5000);
        ch.basicPublish("", q, null, "refused".getBytes());
        assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(acks.get()).isEqualTo(1);
        assertThat(nacks.get()).isEqualTo(1);
        assertThat(bodies(ch, q)).containsExactly("kept");
    }

    @Test
    void unusedQueueExpires() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-expires", 300));
        // any declare (even passive) counts as use and restarts the clock, so look only once
        Thread.sleep(1500);
        assertChannelError(404, 50, 10, () -> ch.queueDeclarePassive(q));
    }

    @Test
    void invalidQueueArgumentIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(406, 50, 10, () -> ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", -1)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid arg 'x-message-ttl' for queue '" + q
                + "' in vhost '/': {value_negative,-1}");
    }

    @Test
    void priorityQueueDeliversHigherPrioritiesFirst() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-max-priority", 10));
        int[] priorities = {1, 5, 9, 0, 5};
        for (int i = 0; i < priorities.length; i++) {
            ch.basicPublish("", q, new AMQP.BasicProperties.Builder().priority(priorities[i]).build(),
                    ("p" + priorities[i] + "-" + i).getBytes());
        }
        ch.basicPublish("", q, null, "none".getBytes());
        assertThat(bodies(ch, q)).containsExactly("p9-2", "p5-1", "p5-4", "p1-0", "p0-3", "none");
    }

    @Test
    void priorityAboveMaxCountsAsMax() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-max-priority", 3));
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().priority(3).build(), "three".getBytes());
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().priority(200).build(), "capped".getBytes());
        ch.basicPublish("", q, new AMQP.BasicProperties.Builder().priority(2).build(), "two".getBytes());
        assertThat(bodies(ch, q)).containsExactly("three", "capped", "two");
    }

    @Test
    void singleActiveConsumerGetsEverythingUntilItCancels() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch, Map.of("x-single-active-consumer", true));
        Channel c1 = broker.channel();
        Channel c2 = broker.channel();
        org.ferrymq.broker.it.support.Deliveries first = org.ferrymq.broker.it.support.Deliveries.consume(c1, q, true);
        org.ferrymq.broker.it.support.Deliveries second = org.ferrymq.broker.it.support.Deliveries.consume(c2, q, true);
        for (int i = 0; i < 4; i++) {
            ch.basicPublish("", q, null, ("a" + i).getBytes());
        }
        assertThat(org.ferrymq.broker.it.support.Deliveries.bodies(first.next(4))).containsExactly("a0", "a1", "a2", "a3");
        c1.basicCancel(first.consumerTag());
        ch.basicPublish("", q, null, "b0".getBytes());
        assertThat(org.ferrymq.broker.it.support.Deliveries.body(second.next())).isEqualTo("b0");
        assertThat(second.pending()).isZero();
    }

    @Test
    void alternateExchangeReceivesUnroutableMessages() throws Exception {
        Channel ch = broker.channel();
        String ae = broker.name("ae");
        String x = broker.name("x");
        ch.exchangeDeclare(ae, "fanout");
        ch.exchangeDeclare(x, "direct", false, false, Map.of("alternate-exchange", ae));
        String routed = queue(ch, null);
        String unrouted = queue(ch, null);
        ch.queueBind(routed, x, "known");
        ch.queueBind(unrouted, ae, "");
        ch.basicPublish(x, "known", null, "r".getBytes());
        ch.basicPublish(x, "unknown", true, null, "u".getBytes());
        assertThat(bodies(ch, routed)).containsExactly("r");
        GetResponse u = ch.basicGet(unrouted, true);
        assertThat(u.getBody()).isEqualTo("u".getBytes());
        assertThat(u.getEnvelope().getExchange()).isEqualTo(x);
        assertThat(u.getEnvelope().getRoutingKey()).isEqualTo("unknown");
    }

    // ---- x-queue-type: what a program written for a RabbitMQ cluster declares ----

    @Test
    void aQuorumQueueIsDeclaredAndCarriesMessages() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("quorum");
        ch.queueDeclare(q, true, false, false, Map.of("x-queue-type", "quorum"));
        ch.queueDeclare(q, true, false, false, Map.of("x-queue-type", "quorum"));   // same type: equivalent
        ch.basicPublish("", q, null, "replicated".getBytes());
        assertThat(awaitMessage(ch, q).getBody()).asString().isEqualTo("replicated");
        String text = assertChannelError(406, 50, 10,
                () -> broker.channel().queueDeclare(q, true, false, false, Map.of("x-queue-type", "classic")));
        assertThat(text).startsWith("PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue '" + q + "'");
    }

    @Test
    void aQuorumQueueMustBeDurableSharedAndKept() throws Exception {
        Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
        String q = broker.name("quorum-rules");
        String where = " for queue '" + q + "' in vhost '/'";
        assertThat(assertChannelError(406, 50, 10, () -> broker.channel().queueDeclare(q, true, true, false, quorum)))
                .isEqualTo("PRECONDITION_FAILED - invalid property 'exclusive-owner'" + where);
        assertThat(assertChannelError(406, 50, 10, () -> broker.channel().queueDeclare(q, false, false, false, quorum)))
                .isEqualTo("PRECONDITION_FAILED - invalid property 'non-durable'" + where);
        assertThat(assertChannelError(406, 50, 10, () -> broker.channel().queueDeclare(q, true, false, true, quorum)))
                .isEqualTo("PRECONDITION_FAILED - invalid property 'auto-delete'" + where);
        assertThat(assertChannelError(406, 50, 10, () -> broker.channel().queueDeclare(q, true, false, false,
                Map.of("x-queue-type", "quorum", "x-max-priority", 5))))
                .isEqualTo("PRECONDITION_FAILED - invalid arg 'x-max-priority'" + where + " of queue type rabbit_quorum_queue");
    }

    @Test
    void anUnknownQueueTypeIsRefused() throws Exception {
        String q = broker.name("no-such-type");
        String where = " for queue '" + q + "' in vhost '/'";
        assertThat(assertChannelError(406, 50, 10, () -> broker.channel().queueDeclare(q, true, false, false,
                Map.of("x-queue-type", "foo"))))
                .isEqualTo("PRECONDITION_FAILED - invalid arg 'x-queue-type'" + where + ": \"unsupported queue type 'foo'\"");
        assertThat(assertChannelError(406, 50, 10, () -> broker.channel().queueDeclare(q, true, false, false,
                Map.of("x-queue-type", 5))))
                .isEqualTo("PRECONDITION_FAILED - invalid arg 'x-queue-type'" + where + ": {unacceptable_type,signedint}");
    }

    /** RabbitMQ has streams; FerryMQ does not, and says so rather than making a queue that consumes. */
    @Test
    void aStreamIsRefusedByName() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(broker.isEmbedded(), "RabbitMQ 3.10 has streams");
        String q = broker.name("stream");
        assertThat(assertChannelError(406, 50, 10, () -> broker.channel().queueDeclare(q, true, false, false,
                Map.of("x-queue-type", "stream"))))
                .contains("stream queues are not supported by FerryMQ");
    }
}
