package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.queueExists;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation of queue and exchange arguments: a bad type or value closes the channel with
 * 406 PRECONDITION_FAILED on the declare, with the reply text RabbitMQ 3.10 sends
 * ({@code invalid arg '<key>' for queue '<name>' in vhost '/': <erlang term>}); redeclaring with
 * different arguments is 406 "inequivalent arg".
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class QueueArgumentValidationIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int QUEUE = 50;
    private static final int EXCHANGE = 40;
    private static final int DECLARE = 10;

    /** Argument key, bad value, the term RabbitMQ reports after "invalid arg ... : ". */
    static Stream<Arguments> invalidQueueArguments() {
        return Stream.of(
                Arguments.of("x-message-ttl", -1, "{value_negative,-1}"),
                Arguments.of("x-message-ttl", "abc", "\"expected integer, got longstr\""),
                // RabbitMQ's ceiling for TTLs is ten years: 315,360,000,000 ms
                Arguments.of("x-message-ttl", 315_360_000_001L, "{value_too_large,315360000001}"),
                Arguments.of("x-expires", 315_360_000_001L, "{value_too_large,315360000001}"),
                Arguments.of("x-expires", 0, "{value_zero,0}"),
                Arguments.of("x-expires", -5, "{value_negative,-5}"),
                Arguments.of("x-max-priority", 256, "{max_value_exceeded,256}"),
                Arguments.of("x-max-priority", -1, "{value_negative,-1}"),
                Arguments.of("x-max-priority", "x", "\"expected integer, got longstr\""),
                Arguments.of("x-max-length", -1, "{value_negative,-1}"),
                Arguments.of("x-max-length-bytes", -1, "{value_negative,-1}"),
                Arguments.of("x-overflow", "drop-tail", "invalid_overflow"),
                Arguments.of("x-overflow", 5, "{unacceptable_type,signedint}"),
                Arguments.of("x-single-active-consumer", "yes", "{unacceptable_type,longstr}"),
                Arguments.of("x-single-active-consumer", 1, "{unacceptable_type,signedint}"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidQueueArguments")
    void invalidQueueArgumentIsPreconditionFailed(String key, Object value, String term) throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(406, QUEUE, DECLARE, () -> ch.queueDeclare(q, false, false, false, Map.of(key, value)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid arg '" + key + "' for queue '" + q + "' in vhost '/': " + term);
        assertThat(queueExists(broker.connection(), q)).as("a refused declare creates nothing").isFalse();
    }

    @Test
    void deadLetterRoutingKeyWithoutExchangeIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(406, QUEUE, DECLARE,
                () -> ch.queueDeclare(q, false, false, false, args("x-dead-letter-routing-key", "rk")));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid arg 'x-dead-letter-routing-key' for queue '" + q
                + "' in vhost '/': routing_key_but_no_dlx_defined");
    }

    @Test
    void deadLetterExchangeOfWrongTypeIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(406, QUEUE, DECLARE,
                () -> ch.queueDeclare(q, false, false, false, args("x-dead-letter-exchange", 5)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid type 'signedint' for arg 'x-dead-letter-exchange' in queue '"
                + q + "' in vhost '/'");
    }

    @Test
    void alternateExchangeOfWrongTypeIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String text = assertChannelError(406, EXCHANGE, DECLARE,
                () -> ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", 5)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - invalid type 'signedint' for arg 'alternate-exchange' in exchange '"
                + x + "' in vhost '/'");
    }

    @Test
    void boundaryValuesAreAccepted() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare(broker.name("q"), false, false, false,
                args("x-max-priority", 255, "x-message-ttl", 0, "x-max-length", 0, "x-max-length-bytes", 0));
        ch.queueDeclare(broker.name("q"), false, false, false,
                args("x-message-ttl", 315_360_000_000L, "x-expires", 315_360_000_000L));
        ch.queueDeclare(broker.name("q"), false, false, false,
                args("x-overflow", "reject-publish-dlx", "x-dead-letter-exchange", "", "x-expires", 1));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void redeclareWithADifferentValueIsInequivalent() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args("x-message-ttl", 1000));
        String text = assertChannelError(406, QUEUE, DECLARE,
                () -> ch.queueDeclare(q, false, false, false, args("x-message-ttl", 2000)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue '" + q
                + "' in vhost '/': received '2000' but current is '1000'");
    }

    @Test
    void redeclareWithoutAnArgumentTheQueueHasIsInequivalent() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, args("x-message-ttl", 1000));
        String text = assertChannelError(406, QUEUE, DECLARE, () -> ch.queueDeclare(q, false, false, false, null));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'x-message-ttl' for queue '" + q
                + "' in vhost '/': received none but current is the value '1000' of type 'signedint'");
    }

    @Test
    void redeclareWithAnArgumentTheQueueLacksIsInequivalent() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        String text = assertChannelError(406, QUEUE, DECLARE,
                () -> ch.queueDeclare(q, false, false, false, args("x-max-priority", 3)));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'x-max-priority' for queue '" + q
                + "' in vhost '/': received the value '3' of type 'signedint' but current is none");
    }

    @Test
    void redeclareWithTheSameArgumentsSucceeds() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        Map<String, Object> a = args("x-message-ttl", 1000, "x-max-length", 5, "x-dead-letter-exchange", "");
        ch.queueDeclare(q, false, false, false, a);
        ch.queueDeclare(q, false, false, false, a);
        assertThat(ch.isOpen()).isTrue();
    }
}
