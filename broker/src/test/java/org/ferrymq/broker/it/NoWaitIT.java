package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.QueueContents.bodies;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The no-wait bit (spec: "the server will not respond to the method"): the method still takes
 * effect, in order with what follows on the channel, and its errors still close the channel.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NoWaitIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    @Test
    void noWaitDeclaresAndBindTakeEffectInOrder() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclareNoWait(x, "direct", false, false, false, null);
        ch.queueDeclareNoWait(q, false, false, false, null);
        ch.queueBindNoWait(q, x, "k", null);
        ch.basicPublish(x, "k", null, "routed".getBytes());
        assertThat(bodies(ch, q)).containsExactly("routed");
    }

    @Test
    void noWaitExchangeBindTakesEffect() throws Exception {
        Channel ch = broker.channel();
        String src = broker.name("src");
        String dst = broker.name("dst");
        String q = broker.name("q");
        ch.exchangeDeclare(src, "fanout");
        ch.exchangeDeclare(dst, "fanout");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, dst, "");
        ch.exchangeBindNoWait(dst, src, "", null);
        ch.basicPublish(src, "", null, "via".getBytes());
        assertThat(bodies(ch, q)).containsExactly("via");
    }

    @Test
    void noWaitDeletesTakeEffect() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "direct");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueDeleteNoWait(q, false, false);
        ch.exchangeDeleteNoWait(x, false);
        assertChannelError(404, 50, 10, () -> ch.queueDeclarePassive(q));
        Channel again = broker.channel();
        assertChannelError(404, 40, 10, () -> again.exchangeDeclarePassive(x));
    }

    @Test
    void noWaitErrorStillClosesTheChannel() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        var shutdown = shutdownOf(ch);
        ch.queueDeclareNoWait(q, true, false, false, null);
        String text = assertChannelClose(awaitShutdown(shutdown), 406, 50, 10);
        assertThat(text).startsWith("PRECONDITION_FAILED - inequivalent arg 'durable'");
    }

    @Test
    void noWaitBindToMissingExchangeClosesTheChannel404() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        var shutdown = shutdownOf(ch);
        ch.queueBindNoWait(q, broker.name("missing-x"), "k", null);
        assertChannelClose(awaitShutdown(shutdown), 404, 50, 20);
    }
}
