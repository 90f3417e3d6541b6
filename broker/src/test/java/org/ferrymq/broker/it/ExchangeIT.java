package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionError;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void internalExchangeStillRoutesFromAnotherExchange() throws Exception {
        Channel ch = broker.channel();
        String front = broker.name("front");
        String internal = broker.name("internal");
        String q = broker.name("q");
        ch.exchangeDeclare(front, "fanout");
        ch.exchangeDeclare(internal, "fanout", false, false, true, null);
        ch.queueDeclare(q, false, false, false, null);
        ch.exchangeBind(internal, front, "");
        ch.queueBind(q, internal, "");
        ch.basicPublish(front, "k", null, "via".getBytes());
        assertThat(ch.basicGet(q, true).getBody()).isEqualTo("via".getBytes());
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
    void exchangeToExchangeBindingRoutes() throws Exception {
        Channel ch = broker.channel();
        String src = broker.name("src");
        String dst = broker.name("dst");
        String q = broker.name("q");
        ch.exchangeDeclare(src, "direct");
        ch.exchangeDeclare(dst, "fanout");
        ch.queueDeclare(q, false, false, false, null);
        ch.exchangeBind(dst, src, "red");
        ch.queueBind(q, dst, "");
        ch.basicPublish(src, "red", null, "r".getBytes());
        ch.basicPublish(src, "blue", null, "b".getBytes());
        GetResponse r = ch.basicGet(q, true);
        assertThat(r.getBody()).isEqualTo("r".getBytes());
        assertThat(r.getEnvelope().getExchange()).isEqualTo(src);
        assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("red");
        assertThat(ch.basicGet(q, true)).isNull();
    }

    @Test
    void exchangeToExchangeUnbindStopsRouting() throws Exception {
        Channel ch = broker.channel();
        String src = broker.name("src");
        String dst = broker.name("dst");
        String q = broker.name("q");
        ch.exchangeDeclare(src, "fanout");
        ch.exchangeDeclare(dst, "fanout");
        ch.queueDeclare(q, false, false, false, null);
        ch.exchangeBind(dst, src, "");
        ch.queueBind(q, dst, "");
        ch.exchangeUnbind(dst, src, "");
        ch.basicPublish(src, "", null, "x".getBytes());
        ch.basicPublish(dst, "", null, "y".getBytes());
        assertThat(bodies(ch, q)).containsExactly("y");
    }

    @Test
    void exchangeBindingCycleDeliversOnce() throws Exception {
        Channel ch = broker.channel();
        String a = broker.name("a");
        String b = broker.name("b");
        String q = broker.name("q");
        ch.exchangeDeclare(a, "fanout");
        ch.exchangeDeclare(b, "fanout");
        ch.queueDeclare(q, false, false, false, null);
        ch.exchangeBind(b, a, "");
        ch.exchangeBind(a, b, "");
        ch.queueBind(q, a, "");
        ch.queueBind(q, b, "");
        ch.basicPublish(a, "", null, "once".getBytes());
        assertThat(bodies(ch, q)).containsExactly("once");
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
    void directExchangeRoutesOnExactKey() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "direct");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "orange");
        ch.basicPublish(x, "orange", null, "1".getBytes());
        ch.basicPublish(x, "Orange", null, "2".getBytes());
        ch.basicPublish(x, "orange.x", null, "3".getBytes());
        assertThat(bodies(ch, q)).containsExactly("1");
    }

    @Test
    void fanoutExchangeIgnoresRoutingKey() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q1 = broker.name("q1");
        String q2 = broker.name("q2");
        ch.exchangeDeclare(x, "fanout");
        ch.queueDeclare(q1, false, false, false, null);
        ch.queueDeclare(q2, false, false, false, null);
        ch.queueBind(q1, x, "whatever");
        ch.queueBind(q2, x, "");
        ch.basicPublish(x, "anything", null, "m".getBytes());
        assertThat(bodies(ch, q1)).containsExactly("m");
        assertThat(bodies(ch, q2)).containsExactly("m");
    }

    @Test
    void topicExchangeMatchesStarAndHash() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String star = broker.name("star");
        String hash = broker.name("hash");
        ch.exchangeDeclare(x, "topic");
        ch.queueDeclare(star, false, false, false, null);
        ch.queueDeclare(hash, false, false, false, null);
        ch.queueBind(star, x, "*.orange.*");
        ch.queueBind(hash, x, "lazy.#");
        for (String key : List.of("quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox", "lazy.brown.fox",
                "lazy", "quick.orange.male.rabbit", "orange", "lazy.orange.male.rabbit")) {
            ch.basicPublish(x, key, null, key.getBytes());
        }
        assertThat(bodies(ch, star)).containsExactly("quick.orange.rabbit", "lazy.orange.elephant", "quick.orange.fox");
        assertThat(bodies(ch, hash)).containsExactly("lazy.orange.elephant", "lazy.brown.fox", "lazy",
                "lazy.orange.male.rabbit");
    }

    @Test
    void topicHashMatchesZeroOrMoreWordsAnywhere() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "topic");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "a.#.z");
        for (String key : List.of("a.z", "a.b.z", "a.b.c.z", "a.z.b", "b.a.z", "a..z")) {
            ch.basicPublish(x, key, null, key.getBytes());
        }
        assertThat(bodies(ch, q)).containsExactly("a.z", "a.b.z", "a.b.c.z", "a..z");
    }

    @Test
    void topicEdgeCasesMatchLikeRabbitMq() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String hash = broker.name("hash");
        String star = broker.name("star");
        String starHash = broker.name("starhash");
        ch.exchangeDeclare(x, "topic");
        ch.queueDeclare(hash, false, false, false, null);
        ch.queueDeclare(star, false, false, false, null);
        ch.queueDeclare(starHash, false, false, false, null);
        ch.queueBind(hash, x, "#");
        ch.queueBind(star, x, "*");
        ch.queueBind(starHash, x, "*.#");
        for (String key : List.of("", "a", "a.b", ".", "a.")) {
            ch.basicPublish(x, key, null, ("[" + key + "]").getBytes());
        }
        assertThat(bodies(ch, hash)).containsExactly("[]", "[a]", "[a.b]", "[.]", "[a.]");
        assertThat(bodies(ch, star)).containsExactly(STAR_MATCHES);
        assertThat(bodies(ch, starHash)).containsExactly(STAR_HASH_MATCHES);
    }

    /** RabbitMQ treats "" as zero words (only # matches it) and "." as two empty words. */
    private static final String[] STAR_MATCHES = {"[a]"};
    private static final String[] STAR_HASH_MATCHES = {"[a]", "[a.b]", "[.]", "[a.]"};

    @Test
    void mandatoryMessageRoutedThroughExchangeBindingToNoQueueIsReturned() throws Exception {
        Channel ch = broker.channel();
        String src = broker.name("src");
        String dst = broker.name("dst");
        ch.exchangeDeclare(src, "fanout");
        ch.exchangeDeclare(dst, "fanout");
        ch.exchangeBind(dst, src, "");
        java.util.concurrent.CompletableFuture<com.rabbitmq.client.Return> returned = new java.util.concurrent.CompletableFuture<>();
        ch.addReturnListener(returned::complete);
        ch.basicPublish(src, "k", true, null, "nowhere".getBytes());
        assertThat(returned.get(5, TimeUnit.SECONDS).getReplyCode()).isEqualTo(312);
    }

    @Test
    void messageMatchingTwoBindingsOfOneQueueIsDeliveredOnce() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String q = broker.name("q");
        ch.exchangeDeclare(x, "topic");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, x, "a.*");
        ch.queueBind(q, x, "#");
        ch.basicPublish(x, "a.b", null, "m".getBytes());
        assertThat(bodies(ch, q)).containsExactly("m");
    }

    @Test
    void headersExchangeMatchesAllOrAny() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        String all = broker.name("all");
        String any = broker.name("any");
        ch.exchangeDeclare(x, "headers");
        ch.queueDeclare(all, false, false, false, null);
        ch.queueDeclare(any, false, false, false, null);
        ch.queueBind(all, x, "", Map.of("x-match", "all", "format", "pdf", "type", "report"));
        ch.queueBind(any, x, "", Map.of("x-match", "any", "format", "pdf", "type", "report"));
        publishWithHeaders(ch, x, "both", Map.of("format", "pdf", "type", "report"));
        publishWithHeaders(ch, x, "one", Map.of("format", "pdf", "type", "log"));
        publishWithHeaders(ch, x, "none", Map.of("format", "zip"));
        publishWithHeaders(ch, x, "noheaders", null);
        assertThat(bodies(ch, all)).containsExactly("both");
        assertThat(bodies(ch, any)).containsExactly("both", "one");
    }

    @Test
    void headersExchangeDefaultsToAllAndIgnoresRoutingKey() throws Exception {
        Channel ch = broker.channel();
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        ch.queueBind(q, "amq.match", "ignored", Map.of("a", 1, "b", "x"));
        publishWithHeaders(ch, "amq.match", "match", Map.of("a", 1, "b", "x", "c", true));
        publishWithHeaders(ch, "amq.match", "partial", Map.of("a", 1));
        publishWithHeaders(ch, "amq.match", "wrongtype", Map.of("a", 1L, "b", "x"));
        assertThat(bodies(ch, q)).contains("match").doesNotContain("partial");
        ch.queueUnbind(q, "amq.match", "ignored", Map.of("a", 1, "b", "x"));
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

    private static void publishWithHeaders(Channel ch, String x, String body, Map<String, Object> headers) throws Exception {
        ch.basicPublish(x, "", new AMQP.BasicProperties.Builder().headers(headers).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Drains the queue with basic.get and returns the bodies as strings, in order. */
    static List<String> bodies(Channel ch, String q) throws Exception {
        List<String> out = new ArrayList<>();
        for (GetResponse r; (r = ch.basicGet(q, true)) != null; ) {
            out.add(new String(r.getBody(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
