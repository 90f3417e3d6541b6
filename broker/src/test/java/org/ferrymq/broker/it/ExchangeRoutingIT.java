package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.QueueContents.bodies;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Routing (spec 3.1.3, RabbitMQ's exchange types): direct, fanout, topic, headers, exchange-to-exchange. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ExchangeRoutingIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

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
        CompletableFuture<Return> returned = new CompletableFuture<>();
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

    private static void publishWithHeaders(Channel ch, String x, String body, Map<String, Object> headers) throws Exception {
        ch.basicPublish(x, "", new AMQP.BasicProperties.Builder().headers(headers).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
