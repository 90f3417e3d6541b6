package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.awaitGet;
import static org.ferrymq.broker.it.extensions.Messages.body;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.ferrymq.broker.it.extensions.Messages.drain;
import static org.ferrymq.broker.it.extensions.Messages.readyCount;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alternate exchanges (the {@code alternate-exchange} exchange argument): a message the exchange
 * cannot route goes to its alternate exchange; if the alternate routes it, a mandatory publish
 * is not returned; if the alternate is missing the message is dropped (or returned if mandatory).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AlternateExchangeIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A direct exchange with an alternate; the bound queue (key "known") and the alternate's queue. */
    private record Topology(String exchange, String alternate, String boundQueue, String alternateQueue) {
    }

    private Topology topology(Channel ch) throws Exception {
        String ae = broker.name("ae");
        String aeQueue = broker.name("ae-q");
        ch.exchangeDeclare(ae, BuiltinExchangeType.FANOUT);
        ch.queueDeclare(aeQueue, false, false, false, null);
        ch.queueBind(aeQueue, ae, "");
        String x = broker.name("x");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", ae));
        String bound = broker.name("bound-q");
        ch.queueDeclare(bound, false, false, false, null);
        ch.queueBind(bound, x, "known");
        return new Topology(x, ae, bound, aeQueue);
    }

    private static List<Return> collectReturns(Channel ch) {
        List<Return> returns = new CopyOnWriteArrayList<>();
        ch.addReturnListener(returns::add);
        return returns;
    }

    /** Publishes in confirm mode and waits for the confirm, which RabbitMQ sends after any basic.return. */
    private static void publishConfirmed(Channel ch, String exchange, String key, boolean mandatory, String body)
            throws Exception {
        ch.confirmSelect();
        ch.basicPublish(exchange, key, mandatory, null, bytes(body));
        ch.waitForConfirmsOrDie(5000);
    }

    @Test
    void unroutableMessageGoesToTheAlternateExchange() throws Exception {
        Channel ch = broker.channel();
        Topology t = topology(ch);
        publishConfirmed(ch, t.exchange(), "unknown", false, "lost");
        GetResponse r = awaitGet(ch, t.alternateQueue(), WAIT);
        assertThat(body(r)).isEqualTo("lost");
        assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("unknown");
        assertThat(readyCount(ch, t.boundQueue())).isZero();
    }

    @Test
    void deliveryViaTheAlternateNamesTheOriginalExchange() throws Exception {
        Channel ch = broker.channel();
        Topology t = topology(ch);
        publishConfirmed(ch, t.exchange(), "unknown", false, "lost");
        GetResponse r = awaitGet(ch, t.alternateQueue(), WAIT);
        assertThat(r.getEnvelope().getExchange()).isEqualTo(t.exchange());
    }

    @Test
    void routableMessageDoesNotGoToTheAlternate() throws Exception {
        Channel ch = broker.channel();
        Topology t = topology(ch);
        publishConfirmed(ch, t.exchange(), "known", false, "routed");
        assertThat(drain(ch, t.boundQueue())).containsExactly("routed");
        assertThat(readyCount(ch, t.alternateQueue())).isZero();
    }

    @Test
    void mandatoryMessageRoutedByTheAlternateIsNotReturned() throws Exception {
        Channel ch = broker.channel();
        Topology t = topology(ch);
        List<Return> returns = collectReturns(ch);
        publishConfirmed(ch, t.exchange(), "unknown", true, "saved");
        assertThat(returns).isEmpty();
        assertThat(drain(ch, t.alternateQueue())).containsExactly("saved");
    }

    @Test
    void missingAlternateExchangeDropsTheMessage() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", broker.name("no-such-ae")));
        List<Return> returns = collectReturns(ch);
        publishConfirmed(ch, x, "unknown", false, "dropped");
        assertThat(returns).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void missingAlternateExchangeWithMandatoryReturnsNoRoute() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("x");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", broker.name("no-such-ae")));
        List<Return> returns = collectReturns(ch);
        publishConfirmed(ch, x, "unknown", true, "returned");
        assertThat(returns).hasSize(1);
        Return r = returns.get(0);
        assertThat(r.getReplyCode()).isEqualTo(312);
        assertThat(r.getReplyText()).isEqualTo("NO_ROUTE");
        assertThat(r.getExchange()).isEqualTo(x);
        assertThat(r.getRoutingKey()).isEqualTo("unknown");
    }

    @Test
    void alternateThatCannotRouteEitherReturnsMandatoryMessage() throws Exception {
        Channel ch = broker.channel();
        String ae = broker.name("ae");
        ch.exchangeDeclare(ae, BuiltinExchangeType.DIRECT);
        String x = broker.name("x");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", ae));
        List<Return> returns = collectReturns(ch);
        publishConfirmed(ch, x, "unknown", true, "returned");
        assertThat(returns).hasSize(1);
        assertThat(returns.get(0).getReplyCode()).isEqualTo(312);
        assertThat(returns.get(0).getExchange()).isEqualTo(x);
    }

    @Test
    void alternateExchangesChain() throws Exception {
        Channel ch = broker.channel();
        String last = broker.name("ae2");
        String lastQueue = broker.name("ae2-q");
        ch.exchangeDeclare(last, BuiltinExchangeType.FANOUT);
        ch.queueDeclare(lastQueue, false, false, false, null);
        ch.queueBind(lastQueue, last, "");
        String middle = broker.name("ae1");
        ch.exchangeDeclare(middle, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", last));
        String x = broker.name("x");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", middle));
        publishConfirmed(ch, x, "unknown", false, "twice-unroutable");
        assertThat(body(awaitGet(ch, lastQueue, WAIT))).isEqualTo("twice-unroutable");
    }

    @Test
    void alternateExchangeDeclaredLaterIsUsed() throws Exception {
        Channel ch = broker.channel();
        String ae = broker.name("ae");
        String x = broker.name("x");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT, false, false, args("alternate-exchange", ae));
        ch.exchangeDeclare(ae, BuiltinExchangeType.FANOUT);
        String aeQueue = broker.name("ae-q");
        ch.queueDeclare(aeQueue, false, false, false, null);
        ch.queueBind(aeQueue, ae, "");
        publishConfirmed(ch, x, "unknown", false, "late");
        assertThat(body(awaitGet(ch, aeQueue, WAIT))).isEqualTo("late");
    }
}
