package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelError;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping and restarting the embedded broker (embedded only: the shared RabbitMQ peer is never
 * stopped). What survives a restart follows RabbitMQ: durable exchanges, queues and bindings, and
 * persistent messages in durable queues; transient messages and non-durable queues do not.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BrokerLifecycleIT {
    @TempDir
    Path dataDir;

    private FerryBroker broker;

    @BeforeEach
    void embeddedOnly() {
        assumeTrue(BrokerTarget.externalUri() == null, "stops and restarts the broker: embedded FerryMQ only");
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private FerryBroker start() {
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
        return broker;
    }

    private Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(5000);
        f.setHandshakeTimeout(5000);
        return f.newConnection("brokerit-lifecycle");
    }

    @Test
    void closingTheBrokerClosesClientConnectionsWithConnectionForced() throws Exception {
        start();
        Connection c = connect();
        var shutdown = shutdownOf(c);
        broker.close();
        broker = null;
        ShutdownSignalException sse = awaitShutdown(shutdown);
        assertThat(sse.isHardError()).isTrue();
        assertThat(sse.isInitiatedByApplication()).isFalse();
        AMQP.Connection.Close close = (AMQP.Connection.Close) sse.getReason();
        assertThat(close.getReplyCode()).isEqualTo(320);
        assertThat(close.getReplyText()).startsWith("CONNECTION_FORCED");
    }

    @Test
    void closeIsIdempotent() {
        start();
        broker.close();
        broker.close();
        broker = null;
    }

    @Test
    void durableTopologyAndPersistentMessagesSurviveARestart() throws Exception {
        start();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            ch.exchangeDeclare("life-x", "direct", true);
            ch.queueDeclare("life-durable", true, false, false, null);
            ch.queueDeclare("life-transient-queue", false, false, false, null);
            ch.queueBind("life-durable", "life-x", "k");
            ch.confirmSelect();
            ch.basicPublish("life-x", "k", new AMQP.BasicProperties.Builder().deliveryMode(2).messageId("p1").build(),
                    "persistent".getBytes());
            ch.basicPublish("life-x", "k", new AMQP.BasicProperties.Builder().deliveryMode(1).build(),
                    "transient".getBytes());
            ch.waitForConfirmsOrDie(5000);
        }
        broker.close();
        start();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            GetResponse r = ch.basicGet("life-durable", true);
            assertThat(r).isNotNull();
            assertThat(r.getBody()).isEqualTo("persistent".getBytes());
            assertThat(r.getProps().getMessageId()).isEqualTo("p1");
            assertThat(ch.basicGet("life-durable", true)).as("transient message is gone").isNull();
            ch.basicPublish("life-x", "k", null, "after-restart".getBytes());
            assertThat(ch.basicGet("life-durable", true).getBody()).as("binding survived").isEqualTo("after-restart".getBytes());
            assertChannelError(404, 50, 10, () -> ch.queueDeclarePassive("life-transient-queue"));
        }
    }

    @Test
    void unackedPersistentMessageIsBackAfterARestart() throws Exception {
        start();
        Connection holder = connect();
        Channel held = holder.createChannel();
        held.queueDeclare("life-unacked", true, false, false, null);
        held.confirmSelect();
        held.basicPublish("", "life-unacked", new AMQP.BasicProperties.Builder().deliveryMode(2).build(), "m".getBytes());
        held.waitForConfirmsOrDie(5000);
        assertThat(held.basicGet("life-unacked", false)).isNotNull();
        broker.close(); // with the message still unacked
        holder.abort();
        start();
        try (Connection c = connect()) {
            GetResponse r = c.createChannel().basicGet("life-unacked", true);
            assertThat(r).isNotNull();
            assertThat(r.getBody()).isEqualTo("m".getBytes());
        }
    }

    @Test
    void ackedPersistentMessageStaysGoneAfterARestart() throws Exception {
        start();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            ch.queueDeclare("life-acked", true, false, false, null);
            ch.confirmSelect();
            ch.basicPublish("", "life-acked", new AMQP.BasicProperties.Builder().deliveryMode(2).build(), "m".getBytes());
            ch.waitForConfirmsOrDie(5000);
            GetResponse r = ch.basicGet("life-acked", false);
            ch.basicAck(r.getEnvelope().getDeliveryTag(), false);
            ch.queueDeclarePassive("life-acked");
        }
        broker.close();
        start();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            assertThat(ch.queueDeclarePassive("life-acked").getMessageCount()).isZero();
        }
    }

    @Test
    void durableExclusiveQueueDoesNotSurviveARestart() throws Exception {
        start();
        Connection owner = connect();
        owner.createChannel().queueDeclare("life-exclusive", true, true, false, null);
        broker.close(); // with the owner still connected
        owner.abort();
        start();
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            assertChannelError(404, 50, 10, () -> ch.queueDeclarePassive("life-exclusive"));
        }
    }
}
