package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertChannelClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.awaitShutdown;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.RawAmqpClient;
import org.ferrymq.broker.it.support.RawAmqpClient.Close;
import org.ferrymq.broker.it.support.RawAmqpClient.Tune;
import org.ferrymq.broker.it.support.RawAmqpClient.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Configured limits (embedded broker only). The max-message-size reply was checked against
 * RabbitMQ 3.10 with {@code max_message_size = 4096}: channel.close 406 "PRECONDITION_FAILED -
 * message size 4097 is larger than configured max size 4096" for basic.publish.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LimitsIT {
    private static final int MAX_MESSAGE = 4096;
    private static final int MAX_CONNECTIONS = 4;
    private static final int FRAME_MAX = 8192;
    private static final int CHANNEL_MAX = 3;
    private static final int HEARTBEAT = 7;

    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.embeddedOnly(b -> b
            .maxMessageSize(MAX_MESSAGE)
            .maxConnections(MAX_CONNECTIONS)
            .frameMax(FRAME_MAX)
            .channelMax(CHANNEL_MAX)
            .heartbeatSeconds(HEARTBEAT));

    private String queue(Channel ch) throws Exception {
        String q = broker.name("q");
        ch.queueDeclare(q, false, false, false, null);
        return q;
    }

    @Test
    void messageOfExactlyMaxSizeIsAccepted() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        ch.basicPublish("", q, null, new byte[MAX_MESSAGE]);
        assertThat(ch.basicGet(q, true).getBody()).hasSize(MAX_MESSAGE);
    }

    @Test
    void messageLargerThanMaxSizeIsPreconditionFailed() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        var shutdown = shutdownOf(ch);
        ch.basicPublish("", q, null, new byte[MAX_MESSAGE + 1]);
        String text = assertChannelClose(awaitShutdown(shutdown), 406, 60, 40);
        assertThat(text).isEqualTo("PRECONDITION_FAILED - message size " + (MAX_MESSAGE + 1)
                + " is larger than configured max size " + MAX_MESSAGE);
        assertThat(ch.getConnection().isOpen()).isTrue();
        Channel other = ch.getConnection().createChannel();
        assertThat(other.queueDeclarePassive(q).getMessageCount()).isZero();
    }

    @Test
    void tuneProposesConfiguredLimits() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            Tune tune = raw.negotiate(broker.username(), broker.password(), CHANNEL_MAX, FRAME_MAX, 0);
            assertThat(tune.channelMax()).isEqualTo(CHANNEL_MAX);
            assertThat(tune.frameMax()).isEqualTo(FRAME_MAX);
            assertThat(tune.heartbeat()).isEqualTo(HEARTBEAT);
        }
    }

    @Test
    void clientNegotiatesConfiguredLimits() throws Exception {
        Connection c = broker.connect();
        assertThat(c.getFrameMax()).isEqualTo(FRAME_MAX);
        assertThat(c.getChannelMax()).isEqualTo(CHANNEL_MAX);
        assertThat(c.getHeartbeat()).isEqualTo(HEARTBEAT);
    }

    @Test
    void tuneOkAboveServerChannelMaxIsRefused() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.negotiate(broker.username(), broker.password(), CHANNEL_MAX + 10, FRAME_MAX, 0);
            raw.sendMethod(0, 10, 40, new Writer().shortStr("/").shortStr("").u8(0));
            Close close = raw.closeOrEof();
            // RabbitMQ closes the socket ("negotiated channel_max = 13 is higher than the maximum allowed value (3)")
            if (close != null) {
                assertThat(close.replyCode()).isIn(501, 503, 530);
                raw.sendConnectionCloseOk();
            }
            assertThat(raw.closedWithin(java.time.Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void openingMoreChannelsThanConfiguredIs530() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker.username(), broker.password(), broker.vhost(), CHANNEL_MAX, FRAME_MAX, 0);
            for (int i = 1; i <= CHANNEL_MAX; i++) {
                raw.openChannel(i);
            }
            raw.sendMethod(CHANNEL_MAX + 1, 20, 10, new Writer().shortStr(""));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(530);
            assertThat(close.replyText()).isEqualTo("NOT_ALLOWED - number of channels opened (" + CHANNEL_MAX
                    + ") has reached the negotiated channel_max (" + CHANNEL_MAX + ")");
        }
    }

    @Test
    void frameLargerThanConfiguredFrameMaxIs501() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker.username(), broker.password(), broker.vhost(), CHANNEL_MAX, FRAME_MAX, 0);
            raw.openChannel(1);
            raw.sendMethod(1, 60, 40, new Writer().u16(0).shortStr("").shortStr("nowhere").u8(0));
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, new Writer().u16(60).u16(0).u64(FRAME_MAX * 2).u16(0).bytes());
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, new byte[FRAME_MAX * 2]);
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(501);
            assertThat(close.replyText()).startsWith("FRAME_ERROR");
        }
    }

    @Test
    void messageSplitIntoConfiguredFrameSizeArrives() throws Exception {
        Channel ch = broker.channel();
        String q = queue(ch);
        byte[] body = new byte[MAX_MESSAGE];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        ConnectionFactory f = broker.factory();
        f.setRequestedFrameMax(4096);
        Channel small = broker.connect(f).createChannel();
        small.basicPublish("", q, null, body);
        assertThat(small.basicGet(q, true).getBody()).isEqualTo(body);
    }

    @Test
    void connectionsBeyondMaxConnectionsAreRefusedUntilOneCloses() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setHandshakeTimeout(2000);
        f.setConnectionTimeout(2000);
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            // earlier tests' connections may still be closing on the broker side
            open.add(connectWithRetry(f));
        }
        assertThatThrownBy(() -> broker.connect(f)).isInstanceOf(java.io.IOException.class);
        for (Connection c : open) {
            assertThat(c.isOpen()).isTrue();
            assertThat(c.createChannel().queueDeclare().getQueue()).isNotEmpty();
        }
        open.get(0).close();
        assertThat(connectWithRetry(f).isOpen()).isTrue();
    }

    private static Connection connectWithRetry(ConnectionFactory f) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return broker.connect(f);
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
