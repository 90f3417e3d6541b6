package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.PERSISTENT;
import static org.ferrymq.broker.it.durability.Probe.TRANSIENT;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.bytes;
import static org.ferrymq.broker.it.durability.Probe.depth;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.queueExists;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restarts of queues longer than the in-memory window (100 messages here), so that most of
 * their messages are paged out to disk: persistent ones come back in order, transient ones that
 * were paged out do not.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PagedQueueRestartIT {
    private static final int WINDOW = 100;

    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker(b -> b.queueMemoryWindow(WINDOW));

    @Test
    void pagedOutPersistentMessagesComeBackInOrderAndPagedOutTransientOnesDoNot() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("long", true, false, false, null);
        ch.confirmSelect();
        List<String> persistent = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            boolean keep = i % 3 != 0;
            String body = (keep ? "p" : "t") + i;
            ch.basicPublish("", "long", keep ? PERSISTENT : TRANSIENT, bytes(body));
            if (keep) {
                persistent.add(body);
            }
        }
        ch.waitForConfirmsOrDie(20_000);
        assertThat(depth(broker.connect(), "long")).isEqualTo(3000);

        broker.restart();

        assertThat(bodies(drain(broker.channel(), "long"))).containsExactlyElementsOf(persistent);
    }

    @Test
    void pagedOutMessagesOfANonDurableQueueDoNotComeBack() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("passing", false, false, false, null);
        ch.confirmSelect();
        for (int i = 1; i <= 1000; i++) {
            ch.basicPublish("", "passing", PERSISTENT, bytes("m" + i));
        }
        ch.waitForConfirmsOrDie(20_000);

        broker.restart();

        Connection c = broker.connect();
        assertThat(queueExists(c, "passing")).isFalse();
        c.createChannel().queueDeclare("passing", false, false, false, null);
        assertThat(depth(c, "passing")).isZero();
    }

    @Test
    void partlyConsumedLongQueueComesBackWithTheRest() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("long", true, false, false, null);
        ch.confirmSelect();
        for (int i = 1; i <= 2000; i++) {
            ch.basicPublish("", "long", PERSISTENT, bytes("m" + i));
        }
        ch.waitForConfirmsOrDie(20_000);
        Channel consumer = broker.channel();
        for (int i = 1; i <= 1500; i++) {
            var r = consumer.basicGet("long", false);
            assertThat(Probe.body(r)).isEqualTo("m" + i);
            consumer.basicAck(r.getEnvelope().getDeliveryTag(), false);
        }
        sync(consumer);

        broker.restart();

        List<String> rest = bodies(drain(broker.channel(), "long"));
        assertThat(rest).hasSize(500);
        assertThat(rest.get(0)).isEqualTo("m1501");
        assertThat(rest.get(499)).isEqualTo("m2000");
    }
}
