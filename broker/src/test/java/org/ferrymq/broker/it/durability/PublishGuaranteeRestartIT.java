package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.publishPersistent;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What transactions and publisher confirms promise about persistence holds across a restart. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PublishGuaranteeRestartIT {
    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker();

    @Test
    void committedMessagesSurviveRolledBackAndUncommittedOnesNeverAppear() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        ch.txSelect();
        publishPersistent(ch, "", "q", "committed-1", "committed-2");
        ch.txCommit();
        publishPersistent(ch, "", "q", "rolled-back");
        ch.txRollback();
        publishPersistent(ch, "", "q", "committed-3");
        ch.txCommit();
        publishPersistent(ch, "", "q", "never-committed");
        sync(ch);
        assertThat(Probe.depth(broker.connect(), "q")).isEqualTo(3);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void ackInACommittedTransactionIsDurableAndInARolledBackOneIsNot() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        publishPersistent(ch, "", "q", "acked-committed", "acked-rolled-back", "acked-uncommitted");
        sync(ch);
        Channel tx = broker.channel();
        tx.txSelect();
        GetResponse first = tx.basicGet("q", false);
        GetResponse second = tx.basicGet("q", false);
        GetResponse third = tx.basicGet("q", false);
        tx.basicAck(first.getEnvelope().getDeliveryTag(), false);
        tx.txCommit();
        tx.basicAck(second.getEnvelope().getDeliveryTag(), false);
        tx.txRollback();
        tx.basicAck(third.getEnvelope().getDeliveryTag(), false);
        sync(tx);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "q"))).containsExactly("acked-rolled-back", "acked-uncommitted");
    }

    @Test
    void everyMessageThatSurvivesWasConfirmedAndEveryConfirmedOneSurvives() throws Exception {
        int count = 2000;
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, null);
        ch.confirmSelect();
        ConcurrentSkipListSet<Long> acked = new ConcurrentSkipListSet<>();
        AtomicInteger nacks = new AtomicInteger();
        ch.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                if (multiple) {
                    for (long t = 1; t <= tag; t++) {
                        acked.add(t);
                    }
                } else {
                    acked.add(tag);
                }
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                nacks.incrementAndGet();
            }
        });
        List<String> published = IntStream.rangeClosed(1, count).mapToObj(i -> "seq-" + i).toList();
        for (String body : published) {
            publishPersistent(ch, "", "q", body);
        }
        assertThat(ch.waitForConfirms(10_000)).as("all confirmed positively").isTrue();
        assertThat(nacks).hasValue(0);
        assertThat(acked).hasSize(count);
        assertThat(acked.first()).isEqualTo(1L);
        assertThat(acked.last()).isEqualTo((long) count);

        broker.restart();

        List<String> survived = bodies(drain(broker.channel(), "q"));
        assertThat(survived).containsExactlyElementsOf(published);
    }
}
