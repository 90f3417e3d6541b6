package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.QueueContents.bodies;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionError;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.CancelCallback;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.Deliveries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Basic class (spec 1.8): publish, mandatory returns, consume, consumer tags, cancel, get. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PublishConsumeIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int BASIC = 60;
    private static final DeliverCallback IGNORE = (tag, d) -> { };
    private static final CancelCallback NO_CANCEL = tag -> { };

    private String queue(Channel ch) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    @Test
    void publishToDefaultExchangeIsDeliveredToConsumer() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        Deliveries d = Deliveries.consume(ch, q, true);
        ch.basicPublish("", q, null, "hello".getBytes());
        Delivery m = d.next();
        assertThat(Deliveries.body(m)).isEqualTo("hello");
        assertThat(m.getEnvelope().getExchange()).isEmpty();
        assertThat(m.getEnvelope().getRoutingKey()).isEqualTo(q);
        assertThat(m.getEnvelope().getDeliveryTag()).isEqualTo(1);
        assertThat(m.getEnvelope().isRedeliver()).isFalse();
    }

    @Test
    void mandatoryUnroutableMessageIsReturnedWithNoRoute() throws Exception {
        Channel ch = broker.channel();
        CompletableFuture<Return> returned = new CompletableFuture<>();
        ch.addReturnListener(returned::complete);
        String key = broker.name("nowhere");
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("m-1").build();
        ch.basicPublish("amq.direct", key, true, props, "lost".getBytes());
        Return r = returned.get(5, TimeUnit.SECONDS);
        assertThat(r.getReplyCode()).isEqualTo(312);
        assertThat(r.getReplyText()).isEqualTo("NO_ROUTE");
        assertThat(r.getExchange()).isEqualTo("amq.direct");
        assertThat(r.getRoutingKey()).isEqualTo(key);
        assertThat(r.getBody()).isEqualTo("lost".getBytes());
        assertThat(r.getProperties().getMessageId()).isEqualTo("m-1");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void mandatoryToDefaultExchangeWithUnknownQueueIsReturned() throws Exception {
        Channel ch = broker.channel();
        CompletableFuture<Return> returned = new CompletableFuture<>();
        ch.addReturnListener(returned::complete);
        String q = broker.name("missing");
        ch.basicPublish("", q, true, null, "lost".getBytes());
        Return r = returned.get(5, TimeUnit.SECONDS);
        assertThat(r.getReplyCode()).isEqualTo(312);
        assertThat(r.getExchange()).isEmpty();
        assertThat(r.getRoutingKey()).isEqualTo(q);
    }

    @Test
    void mandatoryRoutableMessageIsNotReturned() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        CompletableFuture<Return> returned = new CompletableFuture<>();
        ch.addReturnListener(returned::complete);
        ch.confirmSelect();
        ch.basicPublish("", q, true, null, "kept".getBytes());
        ch.waitForConfirmsOrDie(5000);
        assertThat(returned).isNotDone();
        assertThat(bodies(ch, q)).containsExactly("kept");
    }

    @Test
    void nonMandatoryUnroutableMessageIsDroppedSilently() throws Exception {
        Channel ch = broker.channel();
        CompletableFuture<Return> returned = new CompletableFuture<>();
        ch.addReturnListener(returned::complete);
        ch.basicPublish("amq.direct", broker.name("nowhere"), null, "dropped".getBytes());
        String q = queue(ch);
        assertThat(ch.isOpen()).isTrue();
        assertThat(returned).isNotDone();
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isZero();
    }

    @Test
    void immediateFlagIsNotImplemented540() throws Exception {
        Connection c = broker.connect();
        Channel ch = c.createChannel();
        var shutdown = shutdownOf(c);
        ch.basicPublish("amq.direct", "k", false, true, null, "x".getBytes());
        String text = assertConnectionClose(awaitShutdown(shutdown), 540, BASIC, 40);
        assertThat(text).isEqualTo("NOT_IMPLEMENTED - immediate=true");
    }

    @Test
    void consumerReceivesBacklogAndNewMessagesInOrder() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        for (int i = 0; i < 5; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
        }
        Deliveries d = Deliveries.consume(ch, q, true);
        for (int i = 5; i < 10; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
        }
        assertThat(Deliveries.bodies(d.next(10))).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }

    @Test
    void serverGeneratesConsumerTagWhenEmpty() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        String tag = ch.basicConsume(q, true, IGNORE, NO_CANCEL);
        String tag2 = ch.basicConsume(q, true, IGNORE, NO_CANCEL);
        assertThat(tag).startsWith("amq.ctag-");
        assertThat(tag2).startsWith("amq.ctag-").isNotEqualTo(tag);
    }

    @Test
    void clientConsumerTagIsUsedInDeliveries() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        CompletableFuture<String> deliveredTo = new CompletableFuture<>();
        String tag = ch.basicConsume(q, true, "brokerit-tag", (t, d) -> deliveredTo.complete(t), NO_CANCEL);
        assertThat(tag).isEqualTo("brokerit-tag");
        ch.basicPublish("", q, null, "x".getBytes());
        assertThat(deliveredTo.get(5, TimeUnit.SECONDS)).isEqualTo("brokerit-tag");
    }

    @Test
    void duplicateConsumerTagOnChannelIsConnectionError530() throws Exception {
        Channel ch = broker.connect().createChannel();
        String q = queue(ch);
        ch.basicConsume(q, true, "dup", IGNORE, NO_CANCEL);
        String text = assertConnectionError(530, BASIC, 20, () -> ch.basicConsume(q, true, "dup", IGNORE, NO_CANCEL));
        assertThat(text).isEqualTo("NOT_ALLOWED - attempt to reuse consumer tag 'dup'");
    }

    @Test
    void sameConsumerTagOnDifferentChannelsIsAllowed() throws Exception {
        Channel a = broker.channel();
        Channel b = broker.channel();
        String q = queue(a);
        a.basicConsume(q, true, "same", IGNORE, NO_CANCEL);
        b.basicConsume(q, true, "same", IGNORE, NO_CANCEL);
        assertThat(a.queueDeclarePassive(q).getConsumerCount()).isEqualTo(2);
    }

    @Test
    void secondConsumerOnExclusivelyConsumedQueueIs403() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.basicConsume(q, true, "", false, true, null, new DefaultConsumer(ch));
        Channel other = broker.channel();
        String text = assertChannelError(403, BASIC, 20, () -> other.basicConsume(q, true, IGNORE, NO_CANCEL));
        assertThat(text).isEqualTo("ACCESS_REFUSED - queue '" + q + "' in vhost '/' in exclusive use");
    }

    @Test
    void exclusiveConsumeOnQueueWithConsumersIs403() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.basicConsume(q, true, IGNORE, NO_CANCEL);
        Channel other = broker.channel();
        String text = assertChannelError(403, BASIC, 20,
                () -> other.basicConsume(q, true, "", false, true, null, new DefaultConsumer(other)));
        assertThat(text).isEqualTo("ACCESS_REFUSED - queue '" + q + "' in vhost '/' in exclusive use");
    }

    @Test
    void exclusiveConsumerReleasesQueueWhenCancelled() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        String tag = ch.basicConsume(q, true, "", false, true, null, new DefaultConsumer(ch));
        ch.basicCancel(tag);
        assertThat(broker.channel().basicConsume(q, true, IGNORE, NO_CANCEL)).isNotEmpty();
    }

    @Test
    void consumeFromMissingQueueIs404() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(404, BASIC, 20, () -> ch.basicConsume(q, true, IGNORE, NO_CANCEL));
        assertThat(text).isEqualTo("NOT_FOUND - no queue '" + q + "' in vhost '/'");
    }

    @Test
    void cancelStopsDeliveriesAndConfirmsWithCancelOk() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        CountDownLatch cancelOk = new CountDownLatch(1);
        CountDownLatch delivered = new CountDownLatch(1);
        String tag = ch.basicConsume(q, true, new DefaultConsumer(ch) {
            @Override
            public void handleCancelOk(String consumerTag) {
                cancelOk.countDown();
            }

            @Override
            public void handleDelivery(String t, com.rabbitmq.client.Envelope e, AMQP.BasicProperties p, byte[] b) {
                delivered.countDown();
            }
        });
        ch.basicCancel(tag);
        assertThat(cancelOk.await(5, TimeUnit.SECONDS)).isTrue();
        ch.basicPublish("", q, null, "after-cancel".getBytes());
        assertThat(delivered.await(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(bodies(ch, q)).containsExactly("after-cancel");
    }

    @Test
    void cancelOfUnknownConsumerTagIsConfirmed() throws Exception {
        Channel ch = broker.channel();
        var reply = ch.rpc(new AMQP.Basic.Cancel.Builder().consumerTag("brokerit-never-used").build());
        assertThat(reply.getMethod()).isInstanceOf(AMQP.Basic.CancelOk.class);
        assertThat(((AMQP.Basic.CancelOk) reply.getMethod()).getConsumerTag()).isEqualTo("brokerit-never-used");
    }

    @Test
    void deletingTheQueueSendsBasicCancelToConsumer() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        String tag = ch.basicConsume(q, true, new DefaultConsumer(ch) {
            @Override
            public void handleCancel(String consumerTag) {
                cancelled.complete(consumerTag);
            }
        });
        broker.channel().queueDelete(q);
        assertThat(cancelled.get(5, TimeUnit.SECONDS)).isEqualTo(tag);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void getReturnsMessagesWithRemainingCountThenEmpty() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.confirmSelect();
        for (int i = 0; i < 3; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
        }
        ch.waitForConfirmsOrDie(5000);
        for (int remaining = 2; remaining >= 0; remaining--) {
            GetResponse r = ch.basicGet(q, true);
            assertThat(r.getMessageCount()).isEqualTo(remaining);
            assertThat(r.getEnvelope().getRoutingKey()).isEqualTo(q);
        }
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void getEmptyOnEmptyQueue() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        var reply = ch.rpc(new AMQP.Basic.Get.Builder().queue(q).noAck(true).build());
        assertThat(reply.getMethod()).isInstanceOf(AMQP.Basic.GetEmpty.class);
    }

    @Test
    void getFromMissingQueueIs404() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(404, BASIC, 70, () -> ch.basicGet(q, true));
        assertThat(text).isEqualTo("NOT_FOUND - no queue '" + q + "' in vhost '/'");
    }

    @Test
    void deliveryTagsCountFromOnePerChannel() throws Exception {
        Channel a = broker.channel();
        Channel b = broker.channel();
        String q = queue(a);
        a.confirmSelect();
        for (int i = 0; i < 3; i++) {
            a.basicPublish("", q, null, new byte[0]);
        }
        a.waitForConfirmsOrDie(5000);
        assertThat(a.basicGet(q, false).getEnvelope().getDeliveryTag()).isEqualTo(1);
        assertThat(a.basicGet(q, false).getEnvelope().getDeliveryTag()).isEqualTo(2);
        assertThat(b.basicGet(q, false).getEnvelope().getDeliveryTag()).isEqualTo(1);
    }

    @Test
    void emptyQueueNameMeansLastQueueDeclaredOnChannel() throws Exception {
        Channel ch = broker.channel();
        String q = broker.track(ch.queueDeclare().getQueue());
        ch.basicPublish("", q, null, "shortcut".getBytes());
        GetResponse r = ch.basicGet("", true);
        assertThat(r.getBody()).isEqualTo("shortcut".getBytes());
    }

    @Test
    void emptyQueueNameWithoutDeclaredQueueIs404() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(404, BASIC, 70, () -> ch.basicGet("", true));
        assertThat(text).isEqualTo("NOT_FOUND - no previously declared queue");
    }

    @Test
    void fanoutDeliversACopyToEveryBoundQueue() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "fanout");
        List<String> queues = List.of(queue(ch), queue(ch), queue(ch));
        for (String q : queues) {
            ch.queueBind(q, x, "");
        }
        ch.basicPublish(x, "", null, "copy".getBytes());
        for (String q : queues) {
            assertThat(bodies(ch, q)).containsExactly("copy");
        }
    }

    @Test
    void consumersOnDifferentConnectionsBothReceive() throws Exception {
        Channel ch = broker.channel();
        String q1 = queue(ch);
        String q2 = queue(ch);
        Deliveries d1 = Deliveries.consume(broker.connect().createChannel(), q1, true);
        Deliveries d2 = Deliveries.consume(broker.connect().createChannel(), q2, true);
        ch.basicPublish("", q1, null, "one".getBytes());
        ch.basicPublish("", q2, null, "two".getBytes());
        assertThat(Deliveries.body(d1.next())).isEqualTo("one");
        assertThat(Deliveries.body(d2.next())).isEqualTo("two");
        assertThat(d1.poll(Duration.ofMillis(100))).isNull();
    }
}
