package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.exchangeExists;
import static org.ferrymq.broker.it.durability.Probe.publishPersistent;
import static org.ferrymq.broker.it.durability.Probe.queueExists;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What is not durable does not come back: non-durable exchanges and queues, exclusive queues, their bindings. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransientTopologyRestartIT {
    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker();

    @Test
    void nonDurableExchangeIsGone() throws Exception {
        broker.channel().exchangeDeclare("passing", "topic", false);

        broker.restart();

        assertThat(exchangeExists(broker.connect(), "passing")).isFalse();
    }

    @Test
    void nonDurableQueueIsGone() throws Exception {
        broker.channel().queueDeclare("passing", false, false, false, null);

        broker.restart();

        assertThat(queueExists(broker.connect(), "passing")).isFalse();
    }

    @Test
    void exclusiveQueueIsGoneEvenIfDeclaredDurable() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("mine", true, true, false, null);
        ch.queueDeclare("mine-transient", false, true, false, null);
        publishPersistent(ch, "", "mine", "persistent-in-exclusive");
        sync(ch);
        // the owning connection is still open when the broker stops

        broker.restart();

        Connection c = broker.connect();
        assertThat(queueExists(c, "mine")).isFalse();
        assertThat(queueExists(c, "mine-transient")).isFalse();
    }

    @Test
    void bindingOfADurableExchangeToANonDurableQueueIsGone() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("lasting", "fanout", true);
        ch.queueDeclare("passing", false, false, false, null);
        ch.queueBind("passing", "lasting", "");
        ch.queueDeclare("staying", true, false, false, null);
        ch.queueBind("staying", "lasting", "");

        broker.restart();

        Channel after = broker.channel();
        after.queueDeclare("passing", false, false, false, null); // a new, unbound queue of the same name
        publishPersistent(after, "lasting", "", "after-restart");
        sync(after);
        assertThat(bodies(drain(after, "passing"))).isEmpty();
        assertThat(bodies(drain(after, "staying"))).containsExactly("after-restart");
    }

    @Test
    void bindingFromANonDurableExchangeIsGone() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("passing", "direct", false);
        ch.queueDeclare("staying", true, false, false, null);
        ch.queueBind("staying", "passing", "k");

        broker.restart();

        Channel after = broker.channel();
        after.exchangeDeclare("passing", "direct", false); // a new exchange of the same name, no bindings
        publishPersistent(after, "passing", "k", "after-restart");
        sync(after);
        assertThat(bodies(drain(after, "staying"))).isEmpty();
    }

    @Test
    void bindingsOfADeletedQueueDoNotComeBackToItsSuccessor() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("x", "fanout", true);
        ch.queueDeclare("q", true, false, false, null);
        ch.queueBind("q", "x", "");
        ch.queueDelete("q");
        ch.queueDeclare("q", true, false, false, null); // same name, never bound

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "x", "", "to-nobody");
        sync(after);
        assertThat(bodies(drain(after, "q"))).isEmpty();
    }

    @Test
    void bindingsOfADeletedExchangeDoNotComeBackToItsSuccessor() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("x", "fanout", true);
        ch.queueDeclare("q", true, false, false, null);
        ch.queueBind("q", "x", "");
        ch.exchangeDelete("x");
        ch.exchangeDeclare("x", "fanout", true); // same name, no bindings

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "x", "", "to-nobody");
        sync(after);
        assertThat(bodies(drain(after, "q"))).isEmpty();
    }

    @Test
    void queueRedeclaredWithOtherArgumentsComesBackWithTheNewOnes() throws Exception {
        Channel ch = broker.channel();
        ch.queueDeclare("q", true, false, false, java.util.Map.of("x-max-length", 1));
        ch.queueDelete("q");
        ch.queueDeclare("q", true, false, false, java.util.Map.of("x-max-length", 2));

        broker.restart();

        Channel after = broker.channel();
        after.queueDeclare("q", true, false, false, java.util.Map.of("x-max-length", 2)); // equivalent: no error
        publishPersistent(after, "", "q", "1", "2", "3");
        sync(after);
        assertThat(bodies(drain(after, "q"))).containsExactly("2", "3");
    }
}
