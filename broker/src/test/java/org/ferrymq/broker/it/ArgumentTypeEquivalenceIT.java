package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redeclaring a queue compares its arguments as RabbitMQ 3.10 does: the value and the class of
 * its type. All integer types are one class (so 10 as a signed int and 10 as a long are the same
 * argument), float and double another: {@code x-message-ttl} 10 then 10.0 is a 406.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ArgumentTypeEquivalenceIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int QUEUE = 50;
    private static final int DECLARE = 10;

    @Test
    void integerThenDoubleOfTheSameValueIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 10));
        String text = assertChannelError(406, QUEUE, DECLARE,
                () -> ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 10.0d)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue '" + q
                + "' in vhost '" + broker.vhost() + "': received '10.0' but current is '10'");
    }

    @Test
    void integerTypesOfTheSameValueAreEquivalent() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 10, "x-max-length", (short) 5));
        ch.queueDeclare(q, false, false, false, Map.of("x-message-ttl", 10L, "x-max-length", 5));
        assertThat(ch.queueDeclarePassive(q).getQueue()).isEqualTo(q);
    }

    @Test
    void stringForAnIntegerArgumentIs406() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, Map.of("x-max-length", 5));
        String text = assertChannelError(406, QUEUE, DECLARE,
                () -> ch.queueDeclare(q, false, false, false, Map.of("x-max-length", "5")));
        assertThat(text).startsWith("PRECONDITION_FAILED - inequivalent arg 'x-max-length' for queue '" + q + "'");
    }
}
