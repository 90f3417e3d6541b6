package org.ferrymq.broker.it.extensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.it.extensions.Messages.args;
import static org.ferrymq.broker.it.extensions.Messages.bytes;
import static org.ferrymq.broker.it.extensions.Messages.drain;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Selectors on bindings (FerryMQ extension: the queue.bind argument {@code x-selector}): a binding
 * with a selector routes only the messages its selector matches, on every exchange type, so the
 * others never enter the queue. FerryMQ-only: RabbitMQ ignores the argument.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BindingSelectorIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(b -> { });

    private static AMQP.BasicProperties color(String color) {
        return new AMQP.BasicProperties.Builder().headers(Map.of("color", color)).build();
    }

    private static void publish(Channel ch, String exchange, String key, AMQP.BasicProperties props, String body)
            throws Exception {
        ch.confirmSelect();
        ch.basicPublish(exchange, key, props, bytes(body));
        ch.waitForConfirmsOrDie(5000);
    }

    private String queue(Channel ch, String role) throws Exception {
        String q = broker.name(role);
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    @Test
    void directBindingRoutesOnlyWhatItsSelectorMatches() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("direct");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT);
        String reds = queue(ch, "reds");
        String all = queue(ch, "all");
        ch.queueBind(reds, x, "paint", args("x-selector", "color = 'red'"));
        ch.queueBind(all, x, "paint");
        publish(ch, x, "paint", color("red"), "r1");
        publish(ch, x, "paint", color("blue"), "b1");
        publish(ch, x, "paint", null, "none");
        publish(ch, x, "other", color("red"), "r-other-key");
        assertThat(drain(ch, reds)).containsExactly("r1");
        assertThat(drain(ch, all)).containsExactly("r1", "b1", "none");
    }

    @Test
    void topicBindingMatchesThePatternAndTheSelector() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("topic");
        ch.exchangeDeclare(x, BuiltinExchangeType.TOPIC);
        String heavy = queue(ch, "heavy");
        ch.queueBind(heavy, x, "parcel.#", args("x-selector", "weight > 10"));
        publish(ch, x, "parcel.eu", props(Map.of("weight", 12)), "heavy-eu");
        publish(ch, x, "parcel.us.ny", props(Map.of("weight", 3)), "light-us");
        publish(ch, x, "letter.eu", props(Map.of("weight", 50)), "heavy-letter");
        publish(ch, x, "parcel.us", props(Map.of("weight", 10.5)), "heavy-us");
        assertThat(drain(ch, heavy)).containsExactly("heavy-eu", "heavy-us");
    }

    @Test
    void fanoutBindingSelectsOnJmsHeaders() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("fanout");
        ch.exchangeDeclare(x, BuiltinExchangeType.FANOUT);
        String urgent = queue(ch, "urgent");
        ch.queueBind(urgent, x, "", args("x-selector", "JMSPriority > 6 AND JMSType = 'alert'"));
        publish(ch, x, "", new AMQP.BasicProperties.Builder().priority(9).type("alert").build(), "urgent");
        publish(ch, x, "", new AMQP.BasicProperties.Builder().priority(9).type("info").build(), "info");
        publish(ch, x, "", new AMQP.BasicProperties.Builder().type("alert").build(), "default-priority");
        assertThat(drain(ch, urgent)).containsExactly("urgent");
    }

    @Test
    void headersBindingMatchesHeadersAndSelectorAndTheSelectorIsNoHeaderToMatch() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("headers");
        ch.exchangeDeclare(x, BuiltinExchangeType.HEADERS);
        String smallPdfs = queue(ch, "small-pdf");
        String withX = queue(ch, "with-x");
        ch.queueBind(smallPdfs, x, "", args("x-match", "all", "format", "pdf", "x-selector", "size < 100"));
        ch.queueBind(withX, x, "", args("x-match", "all-with-x", "format", "pdf", "x-selector", "size >= 100"));
        publish(ch, x, "", props(Map.of("format", "pdf", "size", 10)), "small");
        publish(ch, x, "", props(Map.of("format", "pdf", "size", 500)), "big");
        publish(ch, x, "", props(Map.of("format", "zip", "size", 10)), "small-zip");
        assertThat(drain(ch, smallPdfs)).containsExactly("small");
        assertThat(drain(ch, withX)).containsExactly("big");
    }

    @Test
    void bindingsDifferingInTheirSelectorAreDistinctAndUnbindRemovesTheOneNamed() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("two-selectors");
        ch.exchangeDeclare(x, BuiltinExchangeType.DIRECT);
        String q = queue(ch, "either");
        ch.queueBind(q, x, "k", args("x-selector", "color = 'red'"));
        ch.queueBind(q, x, "k", args("x-selector", "color = 'blue'"));
        ch.queueBind(q, x, "k", args("x-selector", "color = 'blue'")); // the same binding again
        publish(ch, x, "k", color("red"), "red");
        publish(ch, x, "k", color("blue"), "blue");
        publish(ch, x, "k", color("green"), "green");
        assertThat(drain(ch, q)).containsExactly("red", "blue");

        ch.queueUnbind(q, x, "k", args("x-selector", "color = 'red'"));
        publish(ch, x, "k", color("red"), "red-after");
        publish(ch, x, "k", color("blue"), "blue-after");
        assertThat(drain(ch, q)).containsExactly("blue-after");

        ch.queueUnbind(q, x, "k"); // no such binding (no arguments): changes nothing
        publish(ch, x, "k", color("blue"), "still-blue");
        assertThat(drain(ch, q)).containsExactly("still-blue");
    }

    @Test
    void aSelectorThatRoutesNothingLeavesTheMessageUnroutedForTheAlternateExchange() throws Exception {
        Channel ch = broker.channel();
        String ae = broker.name("sel-ae");
        ch.exchangeDeclare(ae, BuiltinExchangeType.FANOUT);
        String rest = queue(ch, "rest");
        ch.queueBind(rest, ae, "");
        String x = broker.name("sel-with-ae");
        ch.exchangeDeclare(x, BuiltinExchangeType.FANOUT, false, false, args("alternate-exchange", ae));
        String reds = queue(ch, "ae-reds");
        ch.queueBind(reds, x, "", args("x-selector", "color = 'red'"));
        publish(ch, x, "", color("red"), "red");
        publish(ch, x, "", color("blue"), "blue");
        assertThat(drain(ch, reds)).containsExactly("red");
        assertThat(drain(ch, rest)).containsExactly("blue");
    }

    @Test
    void jmsTimestampIsTheProvidersMillisecondHeaderElseTheAmqpTimestamp() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("stamped");
        ch.exchangeDeclare(x, BuiltinExchangeType.FANOUT);
        String q = queue(ch, "stamped-q");
        ch.queueBind(q, x, "", args("x-selector", "JMSTimestamp = 1700000000123"));
        publish(ch, x, "", new AMQP.BasicProperties.Builder().timestamp(new Date(1_700_000_000_000L))
                .headers(Map.of("x-jms-timestamp", 1_700_000_000_123L)).build(), "exact");
        publish(ch, x, "", new AMQP.BasicProperties.Builder().timestamp(new Date(1_700_000_000_000L)).build(),
                "seconds-only");
        assertThat(drain(ch, q)).containsExactly("exact");
        ch.queueBind(q, x, "", args("x-selector", "JMSTimestamp = 1700000000000"));
        publish(ch, x, "", new AMQP.BasicProperties.Builder().timestamp(new Date(1_700_000_000_000L)).build(),
                "seconds-only");
        assertThat(drain(ch, q)).containsExactly("seconds-only");
    }

    @Test
    void aSelectorThatDoesNotParseIsRefusedWith406() throws Exception {
        Channel ch = broker.channel();
        String x = broker.name("bad");
        ch.exchangeDeclare(x, BuiltinExchangeType.TOPIC);
        String q = queue(ch, "bad-q");
        assertThatThrownBy(() -> ch.queueBind(q, x, "#", args("x-selector", "color = ")))
                .hasStackTraceContaining("PRECONDITION_FAILED - invalid selector");
        Channel after = broker.channel();
        after.exchangeDeclare(x, BuiltinExchangeType.TOPIC);
        publish(after, x, "a.b", color("red"), "unbound");
        assertThat(drain(after, q)).isEmpty(); // the refused binding was not made
    }

    private static AMQP.BasicProperties props(Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().headers(headers).build();
    }
}
