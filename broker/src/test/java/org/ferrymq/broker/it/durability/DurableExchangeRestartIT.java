package org.ferrymq.broker.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.durability.Probe.bodies;
import static org.ferrymq.broker.it.durability.Probe.drain;
import static org.ferrymq.broker.it.durability.Probe.exchangeExists;
import static org.ferrymq.broker.it.durability.Probe.publishPersistent;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.sync;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Durable exchanges come back after a restart with their type, flags and arguments. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DurableExchangeRestartIT {
    private static final int EXCHANGE = 40;
    private static final int DECLARE = 10;
    private static final int BASIC = 60;
    private static final int PUBLISH = 40;

    @RegisterExtension
    final RestartableBroker broker = new RestartableBroker();

    @ParameterizedTest
    @ValueSource(strings = {"direct", "fanout", "topic", "headers"})
    void durableExchangeOfEveryTypeSurvivesWithItsType(String type) throws Exception {
        String x = "durable-" + type;
        broker.channel().exchangeDeclare(x, type, true);

        broker.restart();

        Connection c = broker.connect();
        assertThat(exchangeExists(c, x)).as("exchange %s after restart", x).isTrue();
        c.createChannel().exchangeDeclare(x, type, true); // equivalent redeclare is fine
        String otherType = type.equals("direct") ? "fanout" : "direct";
        Channel ch = c.createChannel();
        assertChannelError(406, EXCHANGE, DECLARE, () -> ch.exchangeDeclare(x, otherType, true));
        Channel ch2 = c.createChannel();
        assertChannelError(406, EXCHANGE, DECLARE, () -> ch2.exchangeDeclare(x, type, false));
    }

    @Test
    void alternateExchangeArgumentSurvives() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("ae", "fanout", true);
        ch.queueDeclare("unroutable", true, false, false, null);
        ch.queueBind("unroutable", "ae", "");
        ch.exchangeDeclare("main", "direct", true, false, Map.of("alternate-exchange", "ae"));

        broker.restart();

        Channel after = broker.channel();
        publishPersistent(after, "main", "no-such-key", "to-the-alternate");
        sync(after);
        assertThat(bodies(drain(after, "unroutable"))).containsExactly("to-the-alternate");
    }

    @Test
    void internalExchangeSurvivesAndStillRefusesPublishers() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("inside", "fanout", true, false, true, null);
        ch.exchangeDeclare("front", "fanout", true);
        ch.exchangeBind("inside", "front", "");
        ch.queueDeclare("behind", true, false, false, null);
        ch.queueBind("behind", "inside", "");

        broker.restart();

        Connection c = broker.connect();
        assertThat(exchangeExists(c, "inside")).isTrue();
        Channel pub = c.createChannel();
        assertChannelError(403, BASIC, PUBLISH, () -> {
            publishPersistent(pub, "inside", "", "refused");
            sync(pub);
        });
        Channel redeclare = c.createChannel();
        assertChannelError(406, EXCHANGE, DECLARE,
                () -> redeclare.exchangeDeclare("inside", "fanout", true, false, false, null));
        Channel via = c.createChannel();
        publishPersistent(via, "front", "", "through-internal");
        sync(via);
        assertThat(bodies(drain(via, "behind"))).containsExactly("through-internal");
    }

    @Test
    void autoDeleteDurableExchangeSurvivesAndStillAutoDeletes() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("fleeting", "direct", true, true, null);
        ch.queueDeclare("fleeting-q", true, false, false, null);
        ch.queueBind("fleeting-q", "fleeting", "k");

        broker.restart();

        Connection c = broker.connect();
        assertThat(exchangeExists(c, "fleeting")).as("auto-delete exchange with a binding, after restart").isTrue();
        Channel redeclare = c.createChannel();
        assertChannelError(406, EXCHANGE, DECLARE, () -> redeclare.exchangeDeclare("fleeting", "direct", true, false, null));
        Channel after = c.createChannel();
        publishPersistent(after, "fleeting", "k", "routed");
        sync(after);
        assertThat(bodies(drain(after, "fleeting-q"))).containsExactly("routed");
        after.queueUnbind("fleeting-q", "fleeting", "k");
        assertThat(exchangeExists(c, "fleeting")).as("auto-delete exchange after its last binding went").isFalse();
    }

    @Test
    void deletedExchangeStaysDeleted() throws Exception {
        Channel ch = broker.channel();
        ch.exchangeDeclare("gone", "topic", true);
        ch.exchangeDelete("gone");

        broker.restart();

        assertThat(exchangeExists(broker.connect(), "gone")).isFalse();
    }
}
