package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What all exchange types share: properties, binding identity, unbinding, equivalence. */
class ExchangeTest {
    private final TestQueue q1 = new TestQueue("q1");
    private final TestQueue q2 = new TestQueue("q2");

    private static Exchange exchange(ExchangeType type) {
        return Exchange.create("/", "x", type, true, false, false, Map.of());
    }

    private static List<Destination> route(Exchange exchange, String key, Map<String, Object> headers) {
        List<Destination> out = new ArrayList<>();
        exchange.route(key, headers, out::add);
        return out;
    }

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void createMakesTheRightTypeWithItsProperties(ExchangeType type) {
        Map<String, Object> args = new HashMap<>();
        args.put("alternate-exchange", "ae");
        Exchange exchange = Exchange.create("vh", "name", type, true, true, true, args);
        args.clear(); // defensive copy
        assertThat(exchange.type()).isEqualTo(type);
        assertThat(exchange.name()).isEqualTo("name");
        assertThat(exchange.vhost()).isEqualTo("vh");
        assertThat(exchange.durable()).isTrue();
        assertThat(exchange.autoDelete()).isTrue();
        assertThat(exchange.internal()).isTrue();
        assertThat(exchange.arguments()).containsExactly(Map.entry("alternate-exchange", "ae"));
        assertThat(exchange.alternateExchange()).contains("ae");
        assertThat(exchange.getClass().getSimpleName())
                .isEqualToIgnoringCase(type.amqpName() + "Exchange");
    }

    @Test
    void exchangeTypesByAmqpName() {
        assertThat(ExchangeType.fromAmqpName("topic")).contains(ExchangeType.TOPIC);
        assertThat(ExchangeType.fromAmqpName("Topic")).isEmpty();
        assertThat(ExchangeType.fromAmqpName("x-consistent-hash")).isEmpty();
        assertThat(ExchangeType.HEADERS.amqpName()).isEqualTo("headers");
        assertThat(ExchangeType.parse("fanout")).isEqualTo(ExchangeType.FANOUT);
        // texts recorded from RabbitMQ 3.10
        assertThatThrownBy(() -> ExchangeType.parse("foo"))
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.COMMAND_INVALID);
                    assertThat(e.replyText()).isEqualTo("COMMAND_INVALID - invalid exchange type 'foo'");
                });
        assertThatThrownBy(() -> ExchangeType.parse("bogus"))
                .hasMessage("unknown exchange type 'bogus'");
        assertThat(ExchangeType.unknownTypeText("x-custom")).isEqualTo("unknown exchange type 'x-custom'");
        assertThat(ExchangeType.unknownTypeText("Direct")).isEqualTo("unknown exchange type 'Direct'");
        assertThat(ExchangeType.unknownTypeText("test")).isEqualTo("invalid exchange type 'test'");
    }

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void bindingTheSameTwiceIsOneBinding(ExchangeType type) {
        Exchange exchange = exchange(type);
        assertThat(exchange.bind(q1, "k", Map.of("a", "1"))).isTrue();
        assertThat(exchange.bind(q1, "k", Map.of("a", "1"))).isFalse();
        assertThat(exchange.bindings()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void keyArgumentsAndDestinationEachMakeADifferentBinding(ExchangeType type) {
        Exchange exchange = exchange(type);
        assertThat(exchange.bind(q1, "k", Map.of())).isTrue();
        assertThat(exchange.bind(q1, "other", Map.of())).isTrue();
        assertThat(exchange.bind(q1, "k", Map.of("a", 1))).isTrue();
        assertThat(exchange.bind(q1, "k", Map.of("a", 1L))).isTrue(); // types matter, as in RabbitMQ
        assertThat(exchange.bind(q2, "k", Map.of())).isTrue();
        assertThat(exchange.bindings()).extracting(Binding::destination, Binding::routingKey)
                .hasSize(5);
    }

    @Test
    void argumentOrderNullAndContentEqualityDoNotMakeNewBindings() {
        Exchange exchange = exchange(ExchangeType.DIRECT);
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", "x".getBytes());
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", "x".getBytes());
        ba.put("a", 1);
        assertThat(exchange.bind(q1, "k", ab)).isTrue();
        assertThat(exchange.bind(q1, "k", ba)).isFalse();
        assertThat(exchange.bind(q1, "k", null)).isTrue();
        assertThat(exchange.bind(q1, "k", Map.of())).isFalse();
        assertThat(exchange.bind(q1, null, Map.of())).isTrue();
        assertThat(exchange.bind(q1, "", Map.of())).isFalse();
    }

    @Test
    void bindingRecordsDescribeTheBindingInOrder() {
        Exchange exchange = exchange(ExchangeType.TOPIC);
        exchange.bind(q1, "a.#", Map.of("x", 1));
        exchange.bind(q2, "b.*", null);
        assertThat(exchange.bindings()).containsExactly(
                new Binding("x", q1, "a.#", Map.of("x", 1)),
                new Binding("x", q2, "b.*", Map.of()));
        assertThatThrownBy(() -> exchange.bindings().get(0).arguments().put("y", 2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void unbindRemovesExactlyOneBinding(ExchangeType type) {
        Exchange exchange = exchange(type);
        exchange.bind(q1, "k", Map.of());
        exchange.bind(q1, "k", Map.of("a", 1));
        assertThat(exchange.unbind(q1, "k", Map.of("a", 1L))).isFalse();
        assertThat(exchange.unbind(q1, "other", Map.of())).isFalse();
        assertThat(exchange.unbind(q2, "k", Map.of())).isFalse();
        assertThat(exchange.unbind(q1, "k", Map.of("a", 1))).isTrue();
        assertThat(exchange.unbind(q1, "k", Map.of("a", 1))).isFalse();
        assertThat(exchange.hasBindings()).isTrue();
        assertThat(exchange.unbind(q1, "k", null)).isTrue();
        assertThat(exchange.hasBindings()).isFalse();
        assertThat(route(exchange, "k", Map.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void aDestinationBoundSeveralWaysIsRoutedOnceAndUntilItsLastBindingGoes(ExchangeType type) {
        Exchange exchange = exchange(type);
        exchange.bind(q1, "k", Map.of());
        exchange.bind(q1, "k", Map.of("b", 2));
        exchange.bind(q2, "k", Map.of());
        assertThat(route(exchange, "k", Map.of("b", 2))).containsExactly(q1, q2);
        exchange.unbind(q1, "k", Map.of());
        assertThat(route(exchange, "k", Map.of("b", 2))).containsExactly(q1, q2);
        exchange.unbind(q1, "k", Map.of("b", 2));
        assertThat(route(exchange, "k", Map.of("b", 2))).containsExactly(q2);
    }

    @ParameterizedTest
    @EnumSource(ExchangeType.class)
    void unbindAllRemovesEveryBindingOfThatDestinationOnly(ExchangeType type) {
        Exchange exchange = exchange(type);
        exchange.bind(q1, "k", Map.of());
        exchange.bind(q1, "other", Map.of("a", 1));
        exchange.bind(q2, "k", Map.of());
        assertThat(exchange.isBoundTo(q1)).isTrue();
        exchange.unbindAll(q1);
        exchange.unbindAll(new TestQueue("never bound"));
        assertThat(exchange.isBoundTo(q1)).isFalse();
        assertThat(exchange.bindings()).extracting(Binding::destination).containsExactly(q2);
        assertThat(route(exchange, "k", Map.of())).containsExactly(q2);
        assertThat(route(exchange, "other", Map.of("a", 1))).doesNotContain(q1);
        exchange.unbindAll(q2);
        assertThat(exchange.hasBindings()).isFalse();
        assertThat(exchange.bind(q1, "k", Map.of())).isTrue(); // and binding again works
        assertThat(route(exchange, "k", Map.of())).containsExactly(q1);
    }

    @Test
    void fanoutIgnoresKeysAndHeadersIgnoresKeysToo() {
        Exchange fanout = exchange(ExchangeType.FANOUT);
        fanout.bind(q1, "anything", Map.of());
        fanout.bind(q2, "", Map.of());
        assertThat(route(fanout, "whatever", null)).containsExactly(q1, q2);

        Exchange headers = exchange(ExchangeType.HEADERS);
        headers.bind(q1, "ignored", Map.of("format", "pdf"));
        assertThat(route(headers, "other", Map.of("format", "pdf"))).containsExactly(q1);
        assertThat(route(headers, "ignored", Map.of("format", "zip"))).isEmpty();
        assertThat(route(headers, "ignored", null)).isEmpty();
    }

    @Test
    void headersBindingWithBadXMatchIsRejectedAndNotRecorded() {
        Exchange headers = exchange(ExchangeType.HEADERS);
        assertThatThrownBy(() -> headers.bind(q1, "", Map.of("x-match", "some")))
                .isInstanceOfSatisfying(AmqpException.class,
                        e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.PRECONDITION_FAILED));
        assertThat(headers.hasBindings()).isFalse();
        // other types take any arguments
        assertThat(exchange(ExchangeType.DIRECT).bind(q1, "", Map.of("x-match", "some"))).isTrue();
    }

    // texts recorded from RabbitMQ 3.10 redeclaring exchange 'routing-logs' (fanout, transient)

    private static Exchange logs(Map<String, Object> arguments) {
        return Exchange.create("/", "logs", ExchangeType.FANOUT, false, false, false, arguments);
    }

    private static void assertInequivalent(Runnable redeclare, String text) {
        assertThatThrownBy(redeclare::run).isInstanceOfSatisfying(AmqpException.class, e -> {
            assertThat(e.replyCode()).isEqualTo(ReplyCode.PRECONDITION_FAILED);
            assertThat(e.replyText()).isEqualTo("PRECONDITION_FAILED - " + text);
        });
    }

    @Test
    void equivalentRedeclarationPasses() {
        logs(Map.of()).checkEquivalent(ExchangeType.FANOUT, false, false, false, null);
        logs(Map.of("alternate-exchange", "ae")).checkEquivalent(ExchangeType.FANOUT, false, false, false,
                Map.of("alternate-exchange", "ae", "other", "ignored"));
        logs(Map.of("other", 1)).checkEquivalent(ExchangeType.FANOUT, false, false, false, Map.of("other", 2));
    }

    @Test
    void inequivalentPropertiesFailWithRabbitMqTexts() {
        Exchange logs = logs(Map.of());
        assertInequivalent(() -> logs.checkEquivalent(ExchangeType.DIRECT, false, false, false, Map.of()),
                "inequivalent arg 'type' for exchange 'logs' in vhost '/': received 'direct' but current is 'fanout'");
        assertInequivalent(() -> logs.checkEquivalent(ExchangeType.FANOUT, true, false, false, Map.of()),
                "inequivalent arg 'durable' for exchange 'logs' in vhost '/': received 'true' but current is 'false'");
        assertInequivalent(() -> logs.checkEquivalent(ExchangeType.FANOUT, false, true, false, Map.of()),
                "inequivalent arg 'auto_delete' for exchange 'logs' in vhost '/': received 'true' but current is 'false'");
        assertInequivalent(() -> logs.checkEquivalent(ExchangeType.FANOUT, false, false, true, Map.of()),
                "inequivalent arg 'internal' for exchange 'logs' in vhost '/': received 'true' but current is 'false'");
        // the first difference wins, in RabbitMQ's order
        assertInequivalent(() -> logs.checkEquivalent(ExchangeType.FANOUT, true, true, false, Map.of()),
                "inequivalent arg 'durable' for exchange 'logs' in vhost '/': received 'true' but current is 'false'");
    }

    @Test
    void inequivalentAlternateExchangeFailsWithRabbitMqTexts() {
        assertInequivalent(() -> logs(Map.of()).checkEquivalent(ExchangeType.FANOUT, false, false, false,
                        Map.of("alternate-exchange", "ae2")),
                "inequivalent arg 'alternate-exchange' for exchange 'logs' in vhost '/': "
                        + "received the value 'ae2' of type 'longstr' but current is none");
        Exchange withAe = logs(Map.of("alternate-exchange", "ae1"));
        assertInequivalent(() -> withAe.checkEquivalent(ExchangeType.FANOUT, false, false, false, Map.of()),
                "inequivalent arg 'alternate-exchange' for exchange 'logs' in vhost '/': "
                        + "received none but current is the value 'ae1' of type 'longstr'");
        assertInequivalent(() -> withAe.checkEquivalent(ExchangeType.FANOUT, false, false, false,
                        Map.of("alternate-exchange", "ae2")),
                "inequivalent arg 'alternate-exchange' for exchange 'logs' in vhost '/': "
                        + "received 'ae2' but current is 'ae1'");
        assertInequivalent(() -> withAe.checkEquivalent(ExchangeType.FANOUT, false, false, false,
                        Map.of("alternate-exchange", 5L)),
                "inequivalent arg 'alternate-exchange' for exchange 'logs' in vhost '/': "
                        + "received '5' but current is 'ae1'");
    }

    @Test
    void alternateExchangeMustBeAString() {
        // text recorded from RabbitMQ 3.10
        assertInequivalent(() -> Exchange.create("/", "x", ExchangeType.FANOUT, false, false, false,
                        Map.of("alternate-exchange", 5)),
                "invalid type 'signedint' for arg 'alternate-exchange' in exchange 'x' in vhost '/'");
        assertInequivalent(() -> Exchange.validateArguments("/", "x", Map.of("alternate-exchange", true)),
                "invalid type 'bool' for arg 'alternate-exchange' in exchange 'x' in vhost '/'");
        assertInequivalent(() -> Exchange.validateArguments("/", "x", Map.of("alternate-exchange", "ae".getBytes())),
                "invalid type 'binary' for arg 'alternate-exchange' in exchange 'x' in vhost '/'");
        Exchange.validateArguments("/", "x", Map.of("alternate-exchange", ""));
        Exchange.validateArguments("/", "x", null);
    }

    @Test
    void vhostNameAppearsInTexts() {
        Exchange exchange = Exchange.create("prod", "orders", ExchangeType.TOPIC, true, false, false, null);
        assertInequivalent(() -> exchange.checkEquivalent(ExchangeType.TOPIC, false, false, false, null),
                "inequivalent arg 'durable' for exchange 'orders' in vhost 'prod': received 'false' but current is 'true'");
    }
}
