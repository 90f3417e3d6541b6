package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionClose;
import static org.ferrymq.broker.it.support.AmqpAssertions.shutdownFrom;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.ShutdownSignalException;
import org.ferrymq.broker.it.support.Amqplain;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.RawAmqpClient;
import org.ferrymq.broker.it.support.RawAmqpClient.Close;
import org.ferrymq.broker.it.support.RawAmqpClient.Frame;
import org.ferrymq.broker.it.support.RawAmqpClient.Reader;
import org.ferrymq.broker.it.support.RawAmqpClient.Tune;
import org.ferrymq.broker.it.support.RawAmqpClient.Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection class (spec 1.4.2): protocol header, SASL, tune, open, close, heartbeats, capabilities. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectionIT {
    @RegisterExtension
    static final BrokerTarget broker = BrokerTarget.any();

    @Test
    void wrongProtocolVersionGetsSupportedHeaderBackAndSocketClosed() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendBytes(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 10, 0});
            assertThat(raw.readBytes(8)).isEqualTo(RawAmqpClient.AMQP_0_9_1);
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void amqp010HeaderGetsSupportedHeaderBack() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendBytes(new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 10});
            assertThat(raw.readBytes(8)).isEqualTo(RawAmqpClient.AMQP_0_9_1);
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void httpRequestInsteadOfHeaderGetsSupportedHeaderBackAndSocketClosed() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendBytes("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.readBytes(8)).isEqualTo(RawAmqpClient.AMQP_0_9_1);
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void startOffersVersion091PlainAndAmqplainAndEnUs() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendProtocolHeader();
            Frame start = raw.readFrame();
            assertThat(start.channel()).isZero();
            RawAmqpClient.expectMethod(start, 10, 10);
            Reader r = start.arguments();
            assertThat(r.u8()).as("version-major").isEqualTo(0);
            assertThat(r.u8()).as("version-minor").isEqualTo(9);
            r.skipTable();
            String mechanisms = new String(r.longStr(), StandardCharsets.UTF_8);
            assertThat(mechanisms.split(" ")).contains("PLAIN", "AMQPLAIN");
            assertThat(new String(r.longStr(), StandardCharsets.UTF_8)).isEqualTo("en_US");
        }
    }

    @Test
    void tuneProposesRabbitMqDefaultLimits() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            Tune tune = raw.negotiate(broker.username(), broker.password(), 2047, 131072, 0);
            assertThat(tune.channelMax()).isEqualTo(2047);
            assertThat(tune.frameMax()).isEqualTo(131072);
            assertThat(tune.heartbeat()).isEqualTo(60);
        }
    }

    @Test
    void tuneOkWithUnlimitedChannelMaxIsRefused() throws Exception {
        assertTuneOkRefused(0, 131072);
    }

    @Test
    void tuneOkWithChannelMaxAboveServerLimitIsRefused() throws Exception {
        assertTuneOkRefused(4000, 131072);
    }

    @Test
    void tuneOkWithFrameMaxAboveServerLimitIsRefused() throws Exception {
        assertTuneOkRefused(2047, 1_000_000);
    }

    @Test
    void tuneOkWithFrameMaxBelowSpecMinimumIsRefused() throws Exception {
        assertTuneOkRefused(2047, 1024);
    }

    /**
     * RabbitMQ answers an out-of-range tune-ok by closing the socket ("failed to negotiate connection
     * parameters: negotiated channel_max = 0 (no limit) is higher than the maximum allowed value
     * (2047)"); a connection.close before that is acceptable too. It never opens the connection.
     */
    private static void assertTuneOkRefused(int channelMax, int frameMax) throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.negotiate(broker.username(), broker.password(), channelMax, frameMax, 0);
            raw.sendMethod(0, 10, 40, new Writer().shortStr(broker.vhost()).shortStr("").u8(0));
            Close close;
            try {
                close = raw.closeOrEof();
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the broker accepted tune-ok channel-max=" + channelMax + " frame-max=" + frameMax
                        + " (RabbitMQ refuses it)", e);
            }
            if (close != null) {
                assertThat(close.replyCode()).isIn(501, 503, 530);
                raw.sendConnectionCloseOk();
            }
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void plainLoginSucceeds() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setSaslConfig(DefaultSaslConfig.PLAIN);
        Connection c = broker.connect(f);
        assertThat(c.isOpen()).isTrue();
        assertThat(c.createChannel().isOpen()).isTrue();
    }

    @Test
    void amqplainLoginSucceeds() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setSaslConfig(Amqplain.CONFIG);
        Connection c = broker.connect(f);
        Channel ch = c.createChannel();
        assertThat(ch.queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        ConnectionFactory f = broker.factory();
        f.setPassword("definitely-not-the-password");
        assertThatThrownBy(() -> broker.connect(f)).isInstanceOf(AuthenticationFailureException.class)
                .hasMessageContaining("ACCESS_REFUSED");
    }

    @Test
    void wrongPasswordWithAmqplainIsAnAuthenticationFailure() {
        ConnectionFactory f = broker.factory();
        f.setSaslConfig(Amqplain.CONFIG);
        f.setPassword("definitely-not-the-password");
        assertThatThrownBy(() -> broker.connect(f)).isInstanceOf(AuthenticationFailureException.class)
                .hasMessageContaining("ACCESS_REFUSED");
    }

    /** Sends start-ok with the given mechanism and response; returns the next frame's close, or null if tune came. */
    private static Close startOk(RawAmqpClient raw, String mechanism, byte[] response, String locale) throws Exception {
        raw.sendProtocolHeader();
        RawAmqpClient.expectMethod(raw.readFrame(), 10, 10);
        raw.sendMethod(0, 10, 11, new Writer().table(RawAmqpClient.CLIENT_PROPERTIES).shortStr(mechanism).longStr(response)
                .shortStr(locale));
        Frame next = raw.readNonHeartbeat();
        if (next.isMethod(10, 30)) {
            return null;
        }
        RawAmqpClient.expectMethod(next, 10, 50);
        Reader r = next.arguments();
        return new Close(r.u16(), r.shortStr(), r.u16(), r.u16());
    }

    /**
     * RabbitMQ 3.10 treats a start-ok response it cannot parse as a handshake error (syntax_error,
     * e.g. "response <<...>> invalid", "AMQPLAIN auth info ... is missing LOGIN or PASSWORD field")
     * and closes the socket without connection.close; a 403/502 connection.close first is fine too.
     * The connection must never get to tune.
     */
    private static void assertStartOkRefused(String mechanism, byte[] response) throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            Close close;
            try {
                close = startOk(raw, mechanism, response, "en_US");
            } catch (java.io.EOFException | java.net.SocketException closed) {
                return;
            }
            assertThat(close).as("the broker went on to tune").isNotNull();
            assertThat(close.replyCode()).isIn(403, 502);
        }
    }

    @Test
    void plainResponseWithAuthorizationIdentityIsRefused() throws Exception {
        // RabbitMQ 3.10's PLAIN requires an empty authzid
        assertStartOkRefused("PLAIN", ("someone\0" + broker.username() + "\0" + broker.password()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void malformedPlainResponseIsRefused() throws Exception {
        assertStartOkRefused("PLAIN", "no-separators".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void amqplainResponseWithoutPasswordIsRefused() throws Exception {
        byte[] full = Amqplain.response(broker.username(), "x");
        assertStartOkRefused("AMQPLAIN", java.util.Arrays.copyOf(full, 1 + 5 + 1 + 4 + broker.username().length()));
    }

    @Test
    void unsupportedLocaleIsStillAccepted() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            byte[] response = ("\0" + broker.username() + "\0" + broker.password()).getBytes(StandardCharsets.UTF_8);
            assertThat(startOk(raw, "PLAIN", response, "fr_FR")).as("tune expected").isNull();
        }
    }

    @Test
    void unknownUserIsAnAuthenticationFailure() {
        ConnectionFactory f = broker.factory();
        f.setUsername("brokerit-nobody");
        assertThatThrownBy(() -> broker.connect(f)).isInstanceOf(AuthenticationFailureException.class);
    }

    @Test
    void wrongPasswordGetsConnectionClose403AndSocketClosed() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendProtocolHeader();
            RawAmqpClient.expectMethod(raw.readFrame(), 10, 10);
            byte[] response = ("\0" + broker.username() + "\0wrong").getBytes(StandardCharsets.UTF_8);
            raw.sendMethod(0, 10, 11, new Writer().table(RawAmqpClient.CLIENT_PROPERTIES).shortStr("PLAIN").longStr(response).shortStr("en_US"));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(403);
            assertThat(close.replyText()).startsWith("ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN");
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void unknownMechanismClosesTheSocket() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.sendProtocolHeader();
            RawAmqpClient.expectMethod(raw.readFrame(), 10, 10);
            raw.sendMethod(0, 10, 11, new Writer().table(RawAmqpClient.CLIENT_PROPERTIES).shortStr("NOPE").longStr(new byte[0]).shortStr("en_US"));
            // RabbitMQ logs "unknown authentication mechanism 'NOPE'" (command_invalid) and just closes
            assertThat(raw.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void unknownVhostIsRefusedWith530NotAllowed() {
        ConnectionFactory f = broker.factory();
        f.setVirtualHost("brokerit-no-such-vhost");
        ShutdownSignalException sse = shutdownFrom(() -> broker.connect(f));
        String text = assertConnectionClose(sse, 530, 10, 40);
        assertThat(text).isEqualTo("NOT_ALLOWED - vhost brokerit-no-such-vhost not found");
    }

    @Test
    void serverPropertiesAdvertiseRabbitMqCapabilities() throws Exception {
        Connection c = broker.connection();
        @SuppressWarnings("unchecked")
        Map<String, Object> caps = (Map<String, Object>) c.getServerProperties().get("capabilities");
        assertThat(caps).isNotNull();
        for (String cap : new String[] {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                "consumer_cancel_notify", "connection.blocked", "authentication_failure_close", "per_consumer_qos"}) {
            assertThat(caps.get(cap)).as(cap).isEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void serverPropertiesNameProductVersionAndPlatform() throws Exception {
        Map<String, Object> props = broker.connection().getServerProperties();
        assertThat(props).containsKeys("product", "version", "platform");
        assertThat(props.get("product").toString()).isNotBlank();
        assertThat(props.get("version").toString()).matches("\\d+\\.\\d+.*");
    }

    @Test
    void clientAskingLowerChannelMaxGetsIt() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setRequestedChannelMax(7);
        assertThat(broker.connect(f).getChannelMax()).isEqualTo(7);
    }

    @Test
    void clientAskingUnlimitedChannelMaxGetsServerLimit() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setRequestedChannelMax(0);
        assertThat(broker.connect(f).getChannelMax()).isEqualTo(2047);
    }

    @Test
    void clientAskingLowerFrameMaxGetsItAndLargeMessagesStillFlow() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setRequestedFrameMax(4096);
        Connection c = broker.connect(f);
        assertThat(c.getFrameMax()).isEqualTo(4096);
        Channel ch = c.createChannel();
        String q = ch.queueDeclare(broker.name("q"), false, false, false, null).getQueue();
        byte[] body = new byte[100_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        ch.basicPublish("", q, null, body);
        assertThat(ch.basicGet(q, true).getBody()).isEqualTo(body);
    }

    @Test
    void clientAskingLowerHeartbeatGetsIt() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setRequestedHeartbeat(5);
        assertThat(broker.connect(f).getHeartbeat()).isEqualTo(5);
    }

    @Test
    void serverSendsHeartbeatsAtTheNegotiatedInterval() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker.username(), broker.password(), broker.vhost(), 2047, 131072, 1);
            long start = System.nanoTime();
            int heartbeats = 0;
            while (heartbeats < 3) {
                Frame f = raw.readFrame();
                if (f.type() == RawAmqpClient.FRAME_HEARTBEAT) {
                    assertThat(f.channel()).isZero();
                    assertThat(f.payload()).isEmpty();
                    heartbeats++;
                    raw.sendHeartbeat();
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void silentPeerIsDroppedAfterMissedHeartbeats() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker.username(), broker.password(), broker.vhost(), 2047, 131072, 1);
            long start = System.nanoTime();
            assertThat(raw.closedWithin(Duration.ofSeconds(8))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
        }
    }

    @Test
    void peerSendingHeartbeatsStaysConnected() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker.username(), broker.password(), broker.vhost(), 2047, 131072, 1);
            long end = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            raw.readTimeout(Duration.ofMillis(300));
            while (System.nanoTime() < end) {
                raw.sendHeartbeat();
                try {
                    raw.readFrame();
                } catch (java.net.SocketTimeoutException e) {
                    // nothing arrived in this slice; keep beating
                }
            }
            raw.openChannel(1);
        }
    }

    @Test
    void connectionCloseIsAnsweredWithCloseOkAndSocketClosed() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker);
            raw.sendMethod(0, 10, 50, new Writer().u16(200).shortStr("bye").u16(0).u16(0));
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 10, 51);
            // nothing may follow close-ok (RabbitMQ leaves closing the socket to the client)
            raw.readTimeout(Duration.ofMillis(500));
            assertThatThrownBy(raw::readFrame).isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void clientCloseClosesCleanly() throws Exception {
        Connection c = broker.connect();
        Channel ch = c.createChannel();
        c.close();
        assertThat(c.isOpen()).isFalse();
        assertThat(ch.isOpen()).isFalse();
        assertThat(c.getCloseReason().isInitiatedByApplication()).isTrue();
    }

    @Test
    void channelsBeyondNegotiatedChannelMaxAreRefused() throws Exception {
        try (RawAmqpClient raw = broker.raw()) {
            raw.handshake(broker.username(), broker.password(), broker.vhost(), 2, 131072, 0);
            raw.openChannel(1);
            raw.openChannel(2);
            raw.sendMethod(3, 20, 10, new Writer().shortStr(""));
            Close close = raw.expectConnectionClose();
            assertThat(close.replyCode()).isEqualTo(530);
            assertThat(close.replyText()).isEqualTo("NOT_ALLOWED - number of channels opened (2) has reached the negotiated channel_max (2)");
            // RabbitMQ reports this one without the failing method's ids
            assertThat(close.classId()).isZero();
            assertThat(close.methodId()).isZero();
        }
    }

    @Test
    void clientLibraryCannotExceedChannelMax() throws Exception {
        ConnectionFactory f = broker.factory();
        f.setRequestedChannelMax(3);
        Connection c = broker.connect(f);
        for (int i = 0; i < 3; i++) {
            assertThat(c.createChannel()).isNotNull();
        }
        assertThat(c.createChannel()).isNull();
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void manyChannelsOnOneConnectionWork() throws Exception {
        Connection c = broker.connection();
        String q = broker.name("q");
        c.createChannel().queueDeclare(q, false, false, false, null);
        for (int i = 0; i < 100; i++) {
            Channel publisher = c.createChannel();
            publisher.confirmSelect();
            publisher.basicPublish("", q, null, new byte[] {(byte) i});
            publisher.waitForConfirmsOrDie(5000);
        }
        Channel ch = c.createChannel();
        assertThat(ch.queueDeclarePassive(q).getMessageCount()).isEqualTo(100);
    }

    @Test
    void channelFlowActiveIsConfirmed() throws Exception {
        Channel ch = broker.channel();
        com.rabbitmq.client.Command reply = ch.rpc(new com.rabbitmq.client.AMQP.Channel.Flow.Builder().active(true).build());
        assertThat(reply.getMethod()).isInstanceOf(com.rabbitmq.client.AMQP.Channel.FlowOk.class);
        assertThat(((com.rabbitmq.client.AMQP.Channel.FlowOk) reply.getMethod()).getActive()).isTrue();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void channelFlowInactiveIsNotImplemented540() throws Exception {
        Channel ch = broker.connect().createChannel();
        String text = org.ferrymq.broker.it.support.AmqpAssertions.assertConnectionError(540, 20, 20,
                () -> ch.rpc(new com.rabbitmq.client.AMQP.Channel.Flow.Builder().active(false).build()));
        assertThat(text).isEqualTo("NOT_IMPLEMENTED - active=false");
    }

    @Test
    void channelCloseAndReopenSameNumber() throws Exception {
        Connection c = broker.connection();
        Channel ch = c.createChannel(5);
        ch.close();
        Channel again = c.createChannel(5);
        assertThat(again.getChannelNumber()).isEqualTo(5);
        assertThat(again.queueDeclare().getQueue()).isNotEmpty();
    }

    @Test
    void connectionsAreIndependent() throws Exception {
        Connection a = broker.connect();
        Connection b = broker.connect();
        String q = broker.name("q");
        a.createChannel().queueDeclare(q, false, false, false, null);
        a.close();
        Channel ch = b.createChannel();
        ch.basicPublish("", q, null, "x".getBytes());
        assertThat(ch.basicGet(q, true)).isNotNull();
    }
}
