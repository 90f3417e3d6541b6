package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.publishConfirmed;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Single active consumer ({@code x-single-active-consumer}): of all consumers on the queue only
 * the first registered gets messages; when it goes away the next in registration order takes over.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SingleActiveConsumerIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    private String sacQueue(Channel ch) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args("x-single-active-consumer", true));
        return q;
    }

    @Test
    void onlyTheFirstConsumerReceivesMessages() throws Exception {
        Channel ch = broker.channel();
        String q = sacQueue(ch);
        Channel c1 = broker.channel();
        Channel c2 = broker.channel();
        CollectingConsumer first = new CollectingConsumer(c1);
        CollectingConsumer second = new CollectingConsumer(c2);
        c1.basicConsume(q, true, first);
        c2.basicConsume(q, true, second);
        publishConfirmed(ch, q, "1", "2", "3", "4", "5", "6");
        for (int i = 1; i <= 6; i++) {
            assertThat(body(first.next(WAIT))).isEqualTo(String.valueOf(i));
        }
        assertThat(second.poll(QUIET)).isNull();
    }

    @Test
    void whenTheActiveConsumerCancelsTheNextTakesOver() throws Exception {
        Channel ch = broker.channel();
        String q = sacQueue(ch);
        Channel c1 = broker.channel();
        Channel c2 = broker.channel();
        CollectingConsumer first = new CollectingConsumer(c1);
        CollectingConsumer second = new CollectingConsumer(c2);
        String tag1 = c1.basicConsume(q, true, first);
        c2.basicConsume(q, true, second);
        publishConfirmed(ch, q, "before");
        assertThat(body(first.next(WAIT))).isEqualTo("before");
        c1.basicCancel(tag1);
        publishConfirmed(ch, q, "after-1", "after-2");
        assertThat(body(second.next(WAIT))).isEqualTo("after-1");
        assertThat(body(second.next(WAIT))).isEqualTo("after-2");
        assertThat(first.poll(QUIET)).isNull();
    }

    @Test
    void takeoverFollowsRegistrationOrder() throws Exception {
        Channel ch = broker.channel();
        String q = sacQueue(ch);
        Channel c1 = broker.channel();
        Channel c2 = broker.channel();
        Channel c3 = broker.channel();
        CollectingConsumer first = new CollectingConsumer(c1);
        CollectingConsumer second = new CollectingConsumer(c2);
        CollectingConsumer third = new CollectingConsumer(c3);
        String tag1 = c1.basicConsume(q, true, first);
        String tag2 = c2.basicConsume(q, true, second);
        c3.basicConsume(q, true, third);
        c1.basicCancel(tag1);
        publishConfirmed(ch, q, "to-second");
        assertThat(body(second.next(WAIT))).isEqualTo("to-second");
        c2.basicCancel(tag2);
        publishConfirmed(ch, q, "to-third");
        assertThat(body(third.next(WAIT))).isEqualTo("to-third");
        assertThat(first.pending()).isZero();
    }

    @Test
    void closingTheActiveChannelHandsUnackedMessagesToTheNext() throws Exception {
        Channel ch = broker.channel();
        String q = sacQueue(ch);
        Channel c1 = broker.channel();
        c1.basicQos(1);
        Channel c2 = broker.channel();
        CollectingConsumer first = new CollectingConsumer(c1);
        CollectingConsumer second = new CollectingConsumer(c2);
        c1.basicConsume(q, false, first);
        c2.basicConsume(q, false, second);
        publishConfirmed(ch, q, "m1", "m2");
        assertThat(body(first.next(WAIT))).isEqualTo("m1");
        assertThat(second.poll(QUIET)).as("inactive consumer while m1 is unacked").isNull();
        c1.close();
        Delivery redelivered = second.next(WAIT);
        assertThat(body(redelivered)).isEqualTo("m1");
        assertThat(redelivered.getEnvelope().isRedeliver()).isTrue();
        assertThat(body(second.next(WAIT))).isEqualTo("m2");
    }

    @Test
    void withoutTheArgumentConsumersShareMessages() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        Channel c1 = broker.channel();
        Channel c2 = broker.channel();
        CollectingConsumer first = new CollectingConsumer(c1);
        CollectingConsumer second = new CollectingConsumer(c2);
        c1.basicConsume(q, true, first);
        c2.basicConsume(q, true, second);
        publishConfirmed(ch, q, "1", "2", "3", "4");
        Eventually.await("4 deliveries", WAIT, () -> first.pending() + second.pending() == 4);
        assertThat(second.pending()).as("round-robin share of the second consumer").isEqualTo(2);
    }

    @Test
    void singleActiveConsumerFalseBehavesLikeANormalQueue() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args("x-single-active-consumer", false));
        Channel c1 = broker.channel();
        Channel c2 = broker.channel();
        CollectingConsumer first = new CollectingConsumer(c1);
        CollectingConsumer second = new CollectingConsumer(c2);
        c1.basicConsume(q, true, first);
        c2.basicConsume(q, true, second);
        publishConfirmed(ch, q, "1", "2");
        Eventually.await("2 deliveries", WAIT, () -> first.pending() + second.pending() == 2);
        assertThat(second.pending()).isEqualTo(1);
    }
}
