package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.QueueContents.bodies;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publisher confirms (RabbitMQ's confirm class, 85) and transactions (tx class, 90). */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConfirmTxIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int CONFIRM = 85;
    private static final int TX = 90;

    private String queue(Channel ch) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    @Test
    void routedMessagesAreConfirmed() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.confirmSelect();
        for (int i = 0; i < 10; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
        }
        ch.waitForConfirmsOrDie(5000);
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(10);
    }

    @Test
    void unroutableMessagesAreConfirmedToo() throws Exception {
        Channel ch = broker.channel();
        ch.confirmSelect();
        ch.basicPublish("amq.direct", broker.name("nowhere"), null, "x".getBytes());
        assertThat(ch.waitForConfirms(5000)).isTrue();
    }

    @Test
    void mandatoryUnroutableMessageIsReturnedBeforeItIsConfirmed() throws Exception {
        Channel ch = broker.channel();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch acked = new CountDownLatch(1);
        ch.addReturnListener(r -> events.add("return " + r.getReplyCode()));
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                events.add("ack " + tag);
                acked.countDown();
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                events.add("nack " + tag);
            }
        });
        ch.confirmSelect();
        ch.basicPublish("amq.direct", broker.name("nowhere"), true, null, "x".getBytes());
        assertThat(acked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(events).containsExactly("return 312", "ack 1");
    }

    @Test
    void publishSequenceNumbersStartAtOneAndEveryOneIsAcked() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.confirmSelect();
        ConcurrentSkipListSet<Long> outstanding = new ConcurrentSkipListSet<>();
        AtomicInteger nacks = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                if (multiple) {
                    outstanding.headSet(tag, true).clear();
                } else {
                    outstanding.remove(tag);
                }
                if (outstanding.isEmpty()) {
                    done.countDown();
                }
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                nacks.incrementAndGet();
            }
        });
        assertThat(ch.getNextPublishSeqNo()).isEqualTo(1);
        for (int i = 0; i < 200; i++) {
            outstanding.add(ch.getNextPublishSeqNo());
            ch.basicPublish("", q, null, new byte[] {(byte) i});
        }
        assertThat(ch.getNextPublishSeqNo()).isEqualTo(201);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(nacks.get()).isZero();
    }

    @Test
    void confirmSelectIsIdempotent() throws Exception {
        Channel ch = broker.channel();
        ch.confirmSelect();
        ch.confirmSelect();
        ch.basicPublish("", queue(ch), null, "x".getBytes());
        ch.waitForConfirmsOrDie(5000);
    }

    @Test
    void publishToMissingExchangeInConfirmModeClosesChannel404() throws Exception {
        Channel ch = broker.channel();
        ch.confirmSelect();
        var shutdown = shutdownOf(ch);
        ch.basicPublish(broker.name("x"), "k", null, "x".getBytes());
        assertChannelClose(awaitShutdown(shutdown), 404, 60, 40);
    }

    @Test
    void rolledBackPublishesNeverHappen() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.txSelect();
        ch.basicPublish("", q, null, "a".getBytes());
        ch.basicPublish("", q, null, "b".getBytes());
        ch.txRollback();
        ch.basicPublish("", q, null, "c".getBytes());
        ch.txCommit();
        assertThat(bodies(broker.channel(), q)).containsExactly("c");
    }

    @Test
    void committedPublishesAppearAtomicallyAtCommit() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        Channel observer = broker.channel();
        ch.txSelect();
        for (int i = 0; i < 10; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
        }
        assertThat(observer.basicGet(q, true)).as("nothing before commit").isNull();
        ch.txCommit();
        assertThat(observer.queueDeclarePassive(q).getMessageCount()).isEqualTo(10);
        assertThat(bodies(observer, q)).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
    }

    @Test
    void closingTransactionalChannelDiscardsUncommittedPublishes() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.txSelect();
        ch.basicPublish("", q, null, "uncommitted".getBytes());
        ch.close();
        assertThat(bodies(broker.channel(), q)).isEmpty();
    }

    @Test
    void rolledBackAckLeavesMessageUnacked() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.basicPublish("", q, null, "m".getBytes());
        ch.txSelect();
        GetResponse r = ch.basicGet(q, false);
        ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
        ch.txRollback();
        ch.close();
        Channel after = broker.channel();
        GetResponse again = after.basicGet(q, true);
        assertThat(again).isNotNull();
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
    }

    @Test
    void committedAckRemovesMessage() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.basicPublish("", q, null, "m".getBytes());
        ch.txSelect();
        GetResponse r = ch.basicGet(q, false);
        ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
        ch.txCommit();
        ch.close();
        assertThat(bodies(broker.channel(), q)).isEmpty();
    }

    @Test
    void transactionalChannelSupportsManyCommits() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.txSelect();
        for (int i = 0; i < 5; i++) {
            ch.basicPublish("", q, null, ("m" + i).getBytes());
            ch.txCommit();
        }
        assertThat(bodies(broker.channel(), q)).hasSize(5);
    }

    @Test
    void commitWithoutSelectIs406() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(406, TX, 20, ch::txCommit);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - channel is not transactional");
    }

    @Test
    void rollbackWithoutSelectIs406() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(406, TX, 30, ch::txRollback);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - channel is not transactional");
    }

    @Test
    void confirmSelectOnTransactionalChannelIs406() throws Exception {
        Channel ch = broker.channel();
        ch.txSelect();
        String text = assertChannelError(406, CONFIRM, 10, ch::confirmSelect);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - cannot switch from tx to confirm mode");
    }

    @Test
    void txSelectOnConfirmChannelIs406() throws Exception {
        Channel ch = broker.channel();
        ch.confirmSelect();
        String text = assertChannelError(406, TX, 10, ch::txSelect);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - cannot switch from confirm to tx mode");
    }
}
