package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.QueueContents.bodies;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.CancelCallback;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Queue class (spec 1.7): declare flags and counts, bind/unbind, purge, delete, exclusive and auto-delete queues. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class QueueIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int QUEUE = 50;
    private static final int DECLARE = 10;
    private static final int BIND = 20;
    private static final int PURGE = 30;
    private static final int DELETE = 40;
    private static final DeliverCallback IGNORE = (tag, d) -> { };
    private static final CancelCallback NO_CANCEL = tag -> { };

    /** Publishes n messages to the queue and waits for their confirms, so counts are settled. */
    private static void publishConfirmed(Channel ch, String q, int n) throws Exception {
        ch.confirmSelect();
        for (int i = 0; i < n; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
        }
        ch.waitForConfirmsOrDie(5000);
    }

    @Test
    void passiveDeclareOfMissingQueueIs404() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(404, QUEUE, DECLARE, () -> ch.queueDeclarePassive(q));
        assertThat(text).isEqualTo("NOT_FOUND - no queue '" + q + "' in vhost '/'");
    }

    @Test
    void declareReturnsNameAndZeroCounts() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        AMQP.Queue.DeclareOk ok = ch.queueDeclare(q, true, false, false, null);
        assertThat(ok.getQueue()).isEqualTo(q);
        assertThat(ok.getMessageCount()).isZero();
        assertThat(ok.getConsumerCount()).isZero();
        assertThat(ch.queueDeclarePassive(q).getQueue()).isEqualTo(q);
    }

    @Test
    void serverNamedQueueGetsAmqGenName() throws Exception {
        Channel ch = broker.channel();
        String q = broker.track(ch.queueDeclare().getQueue());
        String q2 = broker.track(ch.queueDeclare("", false, true, true, null).getQueue());
        assertThat(q).startsWith("amq.gen-");
        assertThat(q2).startsWith("amq.gen-").isNotEqualTo(q);
        ch.basicPublish("", q, null, "x".getBytes());
        assertThat(bodies(ch, q)).containsExactly("x");
    }

    @Test
    void declareOkCountsReadyMessagesAndConsumers() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        publishConfirmed(ch, q, 3);
        AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(q);
        assertThat(ok.getMessageCount()).isEqualTo(3);
        assertThat(ok.getConsumerCount()).isZero();

        Channel consumer = broker.channel();
        consumer.basicQos(1);
        CountDownLatch delivered = new CountDownLatch(1);
        consumer.basicConsume(q, false, (tag, d) -> delivered.countDown(), NO_CANCEL);
        assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
        ok = ch.queueDeclare(q, false, false, false, null);
        assertThat(ok.getMessageCount()).as("ready messages exclude the unacked one").isEqualTo(2);
        assertThat(ok.getConsumerCount()).isEqualTo(1);
    }

    @Test
    void bindRoutesAndUnbindStopsRouting() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, "amq.direct", q + ".key");
        ch.basicPublish("amq.direct", q + ".key", null, "bound".getBytes());
        ch.queueUnbind(q, "amq.direct", q + ".key");
        ch.basicPublish("amq.direct", q + ".key", null, "unbound".getBytes());
        assertThat(bodies(ch, q)).containsExactly("bound");
    }

    @Test
    void bindingWithArgumentsIsDistinctFromOneWithout() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String x = broker.name("x");
        ch.exchangeDeclare(x, "direct");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "k");
        ch.queueBind(q, x, "k", Map.of("tag", "a"));
        ch.queueUnbind(q, x, "k");
        ch.basicPublish(x, "k", null, "still-bound".getBytes());
        assertThat(bodies(ch, q)).containsExactly("still-bound");
    }

    @Test
    void unbindOfMissingBindingSucceeds() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueUnbind(q, "amq.direct", "never-bound");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void purgeReturnsReadyCountAndKeepsUnacked() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        publishConfirmed(ch, q, 5);
        var unacked = ch.basicGet(q, false);
        assertThat(ch.queuePurge(q).getMessageCount()).isEqualTo(4);
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isZero();
        ch.basicReject(unacked.getEnvelope().getDeliveryTag(), true);
        assertThat(bodies(ch, q)).containsExactly("m0");
    }

    @Test
    void purgeOfMissingQueueIs404() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(404, QUEUE, PURGE, () -> ch.queuePurge(q));
        assertThat(text).isEqualTo("NOT_FOUND - no queue '" + q + "' in vhost '/'");
    }

    @Test
    void deleteReturnsMessageCount() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        publishConfirmed(ch, q, 3);
        assertThat(ch.queueDelete(q).getMessageCount()).isEqualTo(3);
        assertChannelError(404, QUEUE, DECLARE, () -> ch.queueDeclarePassive(q));
    }

    @Test
    void deleteOfMissingQueueSucceedsWithZeroCount() throws Exception {
        Channel ch = broker.channel();
        assertThat(ch.queueDelete(broker.name("q")).getMessageCount()).isZero();
    }

    @Test
    void deleteIfUnusedWithConsumerIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        broker.channel().basicConsume(q, true, IGNORE, NO_CANCEL);
        String text = assertChannelError(406, QUEUE, DELETE, () -> ch.queueDelete(q, true, false));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - queue '" + q + "' in vhost '/' in use");
    }

    @Test
    void deleteIfEmptyWithMessagesIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        publishConfirmed(ch, q, 1);
        String text = assertChannelError(406, QUEUE, DELETE, () -> ch.queueDelete(q, false, true));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - queue '" + q + "' in vhost '/' not empty");
    }

    @Test
    void deleteIfUnusedAndIfEmptySucceedsOnIdleEmptyQueue() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        assertThat(ch.queueDelete(q, true, true).getMessageCount()).isZero();
        assertChannelError(404, QUEUE, DECLARE, () -> ch.queueDeclarePassive(q));
    }

    @Test
    void deletingQueueWithConsumerCancelsTheConsumer() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        CountDownLatch cancelled = new CountDownLatch(1);
        broker.channel().basicConsume(q, true, IGNORE, tag -> cancelled.countDown());
        ch.queueDelete(q);
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void exclusiveQueueConsumeFromOtherConnectionIs405() throws Exception {
        String q = exclusiveQueue();
        Channel other = broker.connect().createChannel();
        String text = assertChannelError(405, 60, 20, () -> other.basicConsume(q, true, IGNORE, NO_CANCEL));
        String full = "RESOURCE_LOCKED - cannot obtain exclusive access to locked queue '" + q
                + "' in vhost '/'. It could be originally declared on another connection or the exclusive property"
                + " value does not match that of the original declaration.";
        // reply-text is a shortstr: RabbitMQ cuts longer texts to 252 characters plus "..."
        assertThat(full.length()).isGreaterThan(255);
        assertThat(text).isEqualTo(full.substring(0, 252) + "...");
    }

    @Test
    void exclusiveQueuePassiveDeclareFromOtherConnectionIs405() throws Exception {
        String q = exclusiveQueue();
        Channel other = broker.connect().createChannel();
        assertChannelError(405, QUEUE, DECLARE, () -> other.queueDeclarePassive(q));
    }

    @Test
    void exclusiveQueueRedeclareFromOtherConnectionIs405() throws Exception {
        String q = exclusiveQueue();
        Channel other = broker.connect().createChannel();
        assertChannelError(405, QUEUE, DECLARE, () -> other.queueDeclare(q, false, true, false, null));
    }

    @Test
    void exclusiveQueueDeleteFromOtherConnectionIs405() throws Exception {
        String q = exclusiveQueue();
        Channel other = broker.connect().createChannel();
        assertChannelError(405, QUEUE, DELETE, () -> other.queueDelete(q));
    }

    @Test
    void exclusiveQueuePurgeFromOtherConnectionIs405() throws Exception {
        String q = exclusiveQueue();
        Channel other = broker.connect().createChannel();
        assertChannelError(405, QUEUE, PURGE, () -> other.queuePurge(q));
    }

    @Test
    void exclusiveQueueBindFromOtherConnectionIs405() throws Exception {
        String q = exclusiveQueue();
        Channel other = broker.connect().createChannel();
        assertChannelError(405, QUEUE, BIND, () -> other.queueBind(q, "amq.fanout", ""));
    }

    @Test
    void exclusiveQueueAcceptsPublishesFromOtherConnections() throws Exception {
        String q = exclusiveQueue();
        Channel other = broker.connect().createChannel();
        // confirmed, so the publish has reached the queue before the owner looks (two sockets, no order between them)
        other.confirmSelect();
        other.basicPublish("", q, null, "from-outside".getBytes());
        other.waitForConfirmsOrDie(5000);
        Channel owner = broker.connection().createChannel();
        assertThat(owner.basicGet(q, true).getBody()).isEqualTo("from-outside".getBytes());
    }

    @Test
    void exclusiveQueueIsUsableFromAnotherChannelOfItsConnection() throws Exception {
        String q = exclusiveQueue();
        Channel sibling = broker.connection().createChannel();
        sibling.basicPublish("", q, null, "x".getBytes());
        assertThat(sibling.basicGet(q, true)).isNotNull();
        assertThat(sibling.queueDeclarePassive(q).getQueue()).isEqualTo(q);
    }

    @Test
    void redeclaringExclusiveQueueAsNonExclusiveOnItsConnectionIs405() throws Exception {
        String q = exclusiveQueue();
        Channel sibling = broker.connection().createChannel();
        assertChannelError(405, QUEUE, DECLARE, () -> sibling.queueDeclare(q, false, false, false, null));
    }

    @Test
    void redeclaringNonExclusiveQueueAsExclusiveIs405() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        assertChannelError(405, QUEUE, DECLARE, () -> ch.queueDeclare(q, false, true, false, null));
    }

    @Test
    void exclusiveQueueSurvivesItsChannelButNotItsConnection() throws Exception {
        Connection owner = broker.connect();
        Channel declaring = owner.createChannel();
        String q = broker.name("q");
        declaring.queueDeclare(q, false, true, false, null);
        declaring.close();
        Channel observer = broker.connect().createChannel();
        assertThat(owner.createChannel().queueDeclarePassive(q).getQueue()).isEqualTo(q);
        owner.close();
        observer.close();
        awaitQueueGone(q);
    }

    @Test
    void autoDeleteQueueIsDeletedWhenLastConsumerCancels() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, true, null);
        String t1 = ch.basicConsume(q, true, IGNORE, NO_CANCEL);
        String t2 = ch.basicConsume(q, true, IGNORE, NO_CANCEL);
        ch.basicCancel(t1);
        assertThat(ch.queueDeclarePassive(q).getConsumerCount()).isEqualTo(1);
        ch.basicCancel(t2);
        Channel observer = broker.channel();
        assertChannelError(404, QUEUE, DECLARE, () -> observer.queueDeclarePassive(q));
    }

    @Test
    void autoDeleteQueueIsDeletedWhenConsumerChannelCloses() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, true, null);
        Channel consumer = broker.channel();
        consumer.basicConsume(q, true, IGNORE, NO_CANCEL);
        consumer.close();
        awaitQueueGone(q);
    }

    /**
     * Polls (2 s at most) until a passive declare of the queue fails with 404: deletion that follows
     * a close may complete just after the close-ok (meanwhile an exclusive queue answers 405).
     */
    private static void awaitQueueGone(String q) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        String last = "still exists";
        while (System.nanoTime() < deadline) {
            Channel probe = broker.connection().createChannel();
            try {
                probe.queueDeclarePassive(q);
                probe.close();
            } catch (java.io.IOException e) {
                var close = (com.rabbitmq.client.AMQP.Channel.Close) org.ferrymq.broker.it.support.AmqpAssertions
                        .shutdownFrom(() -> { throw e; }).getReason();
                if (close.getReplyCode() == 404) {
                    assertChannelError(404, QUEUE, DECLARE, () -> { throw e; });
                    return;
                }
                last = close.getReplyText();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("queue " + q + " not gone 2 s after the close: " + last);
    }

    @Test
    void autoDeleteQueueThatNeverHadConsumersSurvives() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, true, null);
        publishConfirmed(ch, q, 1);
        Thread.sleep(200);
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(1);
    }

    @Test
    void redeclareWithDifferentArgumentsIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, Map.of("x-max-length", 10));
        String text = assertChannelError(406, QUEUE, DECLARE,
                () -> ch.queueDeclare(q, false, false, false, Map.of("x-max-length", 20)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue '" + q
                + "' in vhost '/': received '20' but current is '10'");
    }

    @Test
    void argumentsRabbitMqDoesNotKnowAreNotComparedOnRedeclare() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, Map.of("x-app-marker", "a", "x-max-length", 10));
        ch.queueDeclare(q, false, false, false, Map.of("x-app-marker", "b", "x-max-length", 10));
        ch.queueDeclare(q, false, false, false, Map.of("x-max-length", 10));
        assertThat(ch.queueDeclarePassive(q).getQueue()).isEqualTo(q);
    }

    @Test
    void redeclareWithMissingArgumentIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, Map.of("x-max-length", 10));
        assertChannelError(406, QUEUE, DECLARE, () -> ch.queueDeclare(q, false, false, false, null));
    }

    @Test
    void redeclareWithDifferentDurabilityIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        String text = assertChannelError(406, QUEUE, DECLARE, () -> ch.queueDeclare(q, true, false, false, null));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'durable' for queue '" + q
                + "' in vhost '/': received 'true' but current is 'false'");
    }

    @Test
    void redeclareWithDifferentAutoDeleteIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        String text = assertChannelError(406, QUEUE, DECLARE, () -> ch.queueDeclare(q, false, false, true, null));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'auto_delete' for queue '" + q
                + "' in vhost '/': received 'true' but current is 'false'");
    }

    @Test
    void declaringAmqPrefixedQueueIs403() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(403, QUEUE, DECLARE, () -> ch.queueDeclare("amq.brokerit-q", false, false, false, null));
        assertThat(text).isEqualTo("ACCESS_REFUSED - queue name 'amq.brokerit-q' contains reserved prefix 'amq.*'");
    }

    private String exclusiveQueue() throws Exception {
        String q = broker.name("q");
        broker.connection().createChannel().queueDeclare(q, false, true, false, null);
        return q;
    }
}
