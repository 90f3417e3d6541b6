package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.QueueContents.bodies;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionError;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exchange class (spec 1.6): declare, delete, exchange-to-exchange bindings, the predeclared exchanges. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ExchangeIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final int EXCHANGE = 40;
    private static final int DECLARE = 10;
    private static final int DELETE = 20;
    private static final int BIND = 30;
    private static final int QUEUE = 50;

    @ParameterizedTest
    @ValueSource(strings = {"amq.direct", "amq.fanout", "amq.topic", "amq.headers", "amq.match"})
    void predeclaredExchangeExists(String name) throws Exception {
        Channel ch = broker.channel();
        assertThat(ch.exchangeDeclarePassive(name)).isNotNull();
    }

    @Test
    void predeclaredExchangesHaveTheirTypes() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("amq.direct", "direct", true);
        ch.exchangeDeclare("amq.fanout", "fanout", true);
        ch.exchangeDeclare("amq.topic", "topic", true);
        ch.exchangeDeclare("amq.headers", "headers", true);
        ch.exchangeDeclare("amq.match", "headers", true);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void defaultExchangeRoutesByQueueName() throws Exception {
        Channel ch = broker.channel();
        String q = ch.queueDeclare(broker.name("q"), false, false, false, null).getQueue();
        ch.basicPublish("", q, null, "hi".getBytes());
        GetResponse r = ch.basicGet(q, true);
        assertThat(r.getEnvelope().getExchange()).isEmpty();
        assertThat(r.getEnvelope().getRoutingKey()).isEqualTo(q);
    }

    @Test
    void passiveDeclareOfMissingExchangeIs404() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String text = assertChannelError(404, EXCHANGE, DECLARE, () -> ch.exchangeDeclarePassive(x));
        assertThat(text).isEqualTo("NOT_FOUND - no exchange '" + x + "' in vhost '/'");
    }

    @Test
    void declareThenPassiveDeclareSucceeds() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, true, null);
        ch.exchangeDeclarePassive(x);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void redeclareWithSamePropertiesSucceeds() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "topic", true, false, false, null);
        ch.exchangeDeclare(x, "topic", true, false, false, null);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void redeclareWithDifferentTypeIs406() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "direct");
        String text = assertChannelError(406, EXCHANGE, DECLARE, () -> ch.exchangeDeclare(x, "fanout"));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'type' for exchange '" + x
                + "' in vhost '/': received 'fanout' but current is 'direct'");
    }

    @Test
    void redeclareWithDifferentDurabilityIs406() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "direct", false);
        String text = assertChannelError(406, EXCHANGE, DECLARE, () -> ch.exchangeDeclare(x, "direct", true));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - inequivalent arg 'durable' for exchange '" + x
                + "' in vhost '/': received 'true' but current is 'false'");
    }

    @Test
    void passiveDeclareIgnoresTypeAndFlags() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "fanout");
        AMQP.Exchange.Declare passive = new AMQP.Exchange.Declare.Builder().exchange(x).type("topic").passive(true)
                .durable(true).build();
        assertThat(ch.rpc(passive).getMethod()).isInstanceOf(AMQP.Exchange.DeclareOk.class);
    }

    @Test
    void declaringAmqPrefixedExchangeIs403() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(403, EXCHANGE, DECLARE, () -> ch.exchangeDeclare("amq.brokerit-x", "direct"));
        assertThat(text).isEqualTo("ACCESS_REFUSED - exchange name 'amq.brokerit-x' contains reserved prefix 'amq.*'");
    }

    @Test
    void unknownExchangeTypeIsConnectionError503() throws Exception {
        Channel ch = broker.connect().createChannel();
        String x = broker.name("x");
        String text = assertConnectionError(503, EXCHANGE, DECLARE, () -> ch.exchangeDeclare(x, "no-such-type"));
        assertThat(text).isEqualTo("COMMAND_INVALID - unknown exchange type 'no-such-type'");
    }

    @Test
    void publishToInternalExchangeIs403() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "fanout", false, false, true, null);
        var shutdown = shutdownOf(ch);
        ch.basicPublish(x, "", null, "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 403, 60, 40);
        assertThat(text).isEqualTo("ACCESS_REFUSED - cannot publish to internal exchange '" + x + "' in vhost '/'");
    }

    @Test
    void publishToMissingExchangeIs404() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        var shutdown = shutdownOf(ch);
        ch.basicPublish(x, "", null, "x".getBytes());
        String text = assertChannelClose(awaitShutdown(shutdown), 404, 60, 40);
        assertThat(text).isEqualTo("NOT_FOUND - no exchange '" + x + "' in vhost '/'");
    }

    @Test
    void deleteRemovesExchange() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "direct");
        ch.exchangeDelete(x);
        assertChannelError(404, EXCHANGE, DECLARE, () -> ch.exchangeDeclarePassive(x));
    }

    @Test
    void deleteOfMissingExchangeSucceeds() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDelete(broker.name("x"));
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void deleteIfUnusedWithBindingIs406() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "direct");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "k");
        String text = assertChannelError(406, EXCHANGE, DELETE, () -> ch.exchangeDelete(x, true));
        assertThat(text).isEqualTo("PRECONDITION_FAILED - exchange '" + x + "' in vhost '/' in use");
    }

    @Test
    void deleteIfUnusedWithoutBindingsSucceeds() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "direct");
        ch.exchangeDelete(x, true);
        assertChannelError(404, EXCHANGE, DECLARE, () -> ch.exchangeDeclarePassive(x));
    }

    @Test
    void deletingExchangeRemovesItsBindings() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "fanout");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "");
        ch.exchangeDelete(x);
        ch.exchangeDeclare(x, "fanout");
        ch.basicPublish(x, "", null, "x".getBytes());
        ch.basicPublish("", q, null, "direct".getBytes());
        assertThat(bodies(ch, q)).containsExactly("direct");
    }

    @Test
    void exchangeBindToMissingSourceIs404() throws Exception {
        Channel ch = broker.channel();
        String dst = broker.name("dst");
        String src = broker.name("src");
        ch.exchangeDeclare(dst, "fanout");
        String text = assertChannelError(404, EXCHANGE, BIND, () -> ch.exchangeBind(dst, src, ""));
        assertThat(text).isEqualTo("NOT_FOUND - no exchange '" + src + "' in vhost '/'");
    }

    @Test
    void autoDeleteExchangeGoesAwayWhenLastQueueBindingIsRemoved() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "direct", false, true, null);
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "a");
        ch.queueBind(q, x, "b");
        ch.queueUnbind(q, x, "a");
        ch.exchangeDeclarePassive(x);
        ch.queueUnbind(q, x, "b");
        assertChannelError(404, EXCHANGE, DECLARE, () -> ch.exchangeDeclarePassive(x));
    }

    @Test
    void autoDeleteExchangeGoesAwayWhenItsBoundQueueIsDeleted() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "fanout", false, true, null);
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "");
        ch.queueDelete(q);
        assertChannelError(404, EXCHANGE, DECLARE, () -> ch.exchangeDeclarePassive(x));
    }

    @Test
    void autoDeleteExchangeGoesAwayWhenLastExchangeBindingIsRemoved() throws Exception {
        Channel ch = broker.channel();
        String src = broker.name("src");
        String dst = broker.name("dst");
        ch.exchangeDeclare(src, "fanout", false, true, null);
        ch.exchangeDeclare(dst, "fanout");
        ch.exchangeBind(dst, src, "");
        ch.exchangeUnbind(dst, src, "");
        assertChannelError(404, EXCHANGE, DECLARE, () -> ch.exchangeDeclarePassive(src));
    }

    @Test
    void autoDeleteExchangeWithoutBindingsSurvives() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, "direct", false, true, null);
        Thread.sleep(200);
        ch.exchangeDeclarePassive(x);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void defaultExchangeCannotBeBound() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        String text = assertChannelError(403, QUEUE, 20, () -> ch.queueBind(q, "", "k"));
        assertThat(text).isEqualTo("ACCESS_REFUSED - operation not permitted on the default exchange");
    }

    @Test
    void defaultExchangeCannotBeDeleted() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(403, EXCHANGE, DELETE, () -> ch.exchangeDelete(""));
        assertThat(text).isEqualTo("ACCESS_REFUSED - operation not permitted on the default exchange");
    }

    @Test
    void predeclaredAmqExchangeCannotBeDeleted() throws Exception {
        Channel ch = broker.channel();
        String text = assertChannelError(403, EXCHANGE, DELETE, () -> ch.exchangeDelete("amq.direct"));
        assertThat(text).isEqualTo("ACCESS_REFUSED - deletion of system exchange 'amq.direct' in vhost '/' not allowed");
    }

    @Test
    void bindToMissingQueueIs404() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String text = assertChannelError(404, QUEUE, 20, () -> ch.queueBind(q, "amq.direct", "k"));
        assertThat(text).isEqualTo("NOT_FOUND - no queue '" + q + "' in vhost '/'");
    }

    @Test
    void bindToMissingExchangeIs404() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        String x = broker.name("x");
        ch.queueDeclare(q, false, false, false, null);
        String text = assertChannelError(404, QUEUE, 20, () -> ch.queueBind(q, x, "k"));
        assertThat(text).isEqualTo("NOT_FOUND - no exchange '" + x + "' in vhost '/'");
    }
}
