package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.bytes;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.publishPersistent;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bindings between durable exchanges and durable queues (and between durable exchanges) survive a restart. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BindingRestartIT {
    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker();

    @Test
    void directAndTopicQueueBindingsSurvive() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("d", "direct", true);
        ch.exchangeDeclare("t", "topic", true);
        ch.queueDeclare("by-key", true, false, false, null);
        ch.queueDeclare("by-pattern", true, false, false, null);
        ch.queueBind("by-key", "d", "red");
        ch.queueBind("by-key", "d", "blue");
        ch.queueBind("by-pattern", "t", "stock.*.nyse");
        ch.queueBind("by-pattern", "t", "audit.#");

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "d", "red", "d-red");
        publishPersistent(after, "d", "green", "d-green");
        publishPersistent(after, "d", "blue", "d-blue");
        publishPersistent(after, "t", "stock.ibm.nyse", "t-ibm");
        publishPersistent(after, "t", "stock.ibm.lse", "t-lse");
        publishPersistent(after, "t", "audit.a.b.c", "t-audit");
        sync(after);
        assertThat(bodies(drain(after, "by-key"))).containsExactly("d-red", "d-blue");
        assertThat(bodies(drain(after, "by-pattern"))).containsExactly("t-ibm", "t-audit");
    }

    @Test
    void headersBindingsSurviveWithTheirArguments() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("h", "headers", true);
        ch.queueDeclare("all-of", true, false, false, null);
        ch.queueDeclare("any-of", true, false, false, null);
        ch.queueBind("all-of", "h", "", Map.of("x-match", "all", "format", "pdf", "type", "report"));
        ch.queueBind("any-of", "h", "", Map.of("x-match", "any", "format", "zip", "type", "log"));

        broker.restart();

        Channel after = broker.channel();
        publishWithHeaders(after, "pdf-report", Map.of("format", "pdf", "type", "report"));
        publishWithHeaders(after, "pdf-only", Map.of("format", "pdf"));
        publishWithHeaders(after, "zip", Map.of("format", "zip"));
        publishWithHeaders(after, "log", Map.of("type", "log", "format", "txt"));
        sync(after);
        assertThat(bodies(drain(after, "all-of"))).containsExactly("pdf-report");
        assertThat(bodies(drain(after, "any-of"))).containsExactly("zip", "log");
    }

    @Test
    void aBindingsSelectorSurvives() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("sel", "topic", true);
        ch.queueDeclare("sel-reds", true, false, false, null);
        ch.queueBind("sel-reds", "sel", "paint.#", Map.of("x-selector", "color = 'red'"));

        broker.restart();

        Channel after = broker.channel();
        after.basicPublish("sel", "paint.car", redOrBlue("red"), bytes("red"));
        after.basicPublish("sel", "paint.car", redOrBlue("blue"), bytes("blue"));
        sync(after);
        assertThat(bodies(drain(after, "sel-reds"))).containsExactly("red");
        after.queueUnbind("sel-reds", "sel", "paint.#", Map.of("x-selector", "color = 'red'"));
        after.basicPublish("sel", "paint.car", redOrBlue("red"), bytes("red-unbound"));
        sync(after);
        assertThat(bodies(drain(after, "sel-reds"))).isEmpty();
    }

    private static AMQP.BasicProperties redOrBlue(String color) {
        return new AMQP.BasicProperties.Builder().deliveryMode(2).headers(Map.of("color", color)).build();
    }

    private static void publishWithHeaders(Channel ch, String body, Map<String, Object> headers) throws java.io.IOException {
        ch.basicPublish("h", "", new AMQP.BasicProperties.Builder().deliveryMode(2).headers(headers).build(), bytes(body));
    }

    @Test
    void exchangeToExchangeBindingsSurvive() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("entry", "topic", true);
        ch.exchangeDeclare("fan", "fanout", true);
        ch.exchangeBind("fan", "entry", "orders.*");
        ch.queueDeclare("left", true, false, false, null);
        ch.queueDeclare("right", true, false, false, null);
        ch.queueBind("left", "fan", "");
        ch.queueBind("right", "fan", "");

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "entry", "orders.new", "order");
        publishPersistent(after, "entry", "invoices.new", "invoice");
        sync(after);
        assertThat(bodies(drain(after, "left"))).containsExactly("order");
        assertThat(bodies(drain(after, "right"))).containsExactly("order");
    }

    @Test
    void removedBindingsStayRemoved() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("d", "direct", true);
        ch.exchangeDeclare("e2", "fanout", true);
        ch.queueDeclare("q", true, false, false, null);
        ch.queueBind("q", "d", "kept");
        ch.queueBind("q", "d", "removed");
        ch.queueUnbind("q", "d", "removed");
        ch.exchangeBind("e2", "d", "via-e2");
        ch.queueBind("q", "e2", "");
        ch.exchangeUnbind("e2", "d", "via-e2");

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "d", "kept", "kept");
        publishPersistent(after, "d", "removed", "removed");
        publishPersistent(after, "d", "via-e2", "via-e2");
        sync(after);
        assertThat(bodies(drain(after, "q"))).containsExactly("kept");
    }
}
