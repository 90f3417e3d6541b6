package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;

import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code queue.unbind} (and {@code exchange.unbind}) of something that does not exist, the
 * binding, the queue or the exchange, answers unbind-ok, as RabbitMQ 3.10 does: the binding is
 * gone either way. The default exchange is still off limits (403).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UnbindIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    @Test
    void unbindOfMissingBindingIsUnbindOk() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        AMQP.Queue.UnbindOk ok = ch.queueUnbind(q, "amq.direct", "never-bound");
        assertThat(ok).isNotNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void unbindOfMissingQueueIsUnbindOk() throws Exception {
        Channel ch = broker.channel();
        assertThat(ch.queueUnbind(broker.name("no-such-queue"), "amq.direct", "k")).isNotNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void unbindFromMissingExchangeIsUnbindOk() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        assertThat(ch.queueUnbind(q, broker.name("no-such-exchange"), "k")).isNotNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void exchangeUnbindOfMissingExchangesIsUnbindOk() throws Exception {
        Channel ch = broker.channel();
        assertThat(ch.exchangeUnbind(broker.name("no-dest"), broker.name("no-source"), "k")).isNotNull();
        assertThat(ch.exchangeUnbind(broker.name("no-dest"), "amq.fanout", "k")).isNotNull();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void unbindFromTheDefaultExchangeIsStill403() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        String text = assertChannelError(403, 50, 50, () -> ch.queueUnbind(q, "", q));
        assertThat(text).isEqualTo("ACCESS_REFUSED - operation not permitted on the default exchange");
    }
}
