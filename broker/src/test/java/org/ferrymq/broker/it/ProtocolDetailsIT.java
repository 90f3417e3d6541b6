package org.ferrymq.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.ferrymq.broker.it.support.PeerBroker;
import org.ferrymq.broker.it.support.RawAmqpClient;
import org.ferrymq.broker.it.support.RawAmqpClient.Close;
import org.ferrymq.broker.it.support.RawAmqpClient.Frame;
import org.ferrymq.broker.it.support.RawAmqpClient.Writer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protocol details clients depend on (issue 14, items 8, 9, 12-15), each driven by raw frames
 * against the embedded FerryMQ and the RabbitMQ 3.10 peer ({@code RABBITMQ_PEER_URI}): the same
 * bytes must get the same answer from both.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProtocolDetailsIT {
    private static final String FERRYMQ = "FerryMQ";
    private static final String RABBITMQ = "RabbitMQ";

    @RegisterExtension
    static final BrokerTarget ferry = BrokerTarget.embeddedOnly(b -> { });

    private static RawAmqpClient raw(String broker) throws IOException {
        return broker.equals(FERRYMQ) ? ferry.raw() : PeerBroker.raw();
    }

    private static String user(String broker) {
        return broker.equals(FERRYMQ) ? ferry.username() : PeerBroker.username();
    }

    private static String password(String broker) {
        return broker.equals(FERRYMQ) ? ferry.password() : PeerBroker.password();
    }

    private static RawAmqpClient opened(String broker) throws IOException {
        RawAmqpClient raw = raw(broker);
        raw.handshake(user(broker), password(broker), "/", 2047, 131072, 0);
        raw.openChannel(1);
        return raw;
    }

    private static String unique(String role) {
        return "protocol-details-" + role + "-" + System.nanoTime();
    }

    // ---- 8: heartbeats at half the interval ------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void heartbeatsAreSentAtHalfTheNegotiatedInterval(String broker) throws Exception {
        try (RawAmqpClient raw = raw(broker)) {
            raw.handshake(user(broker), password(broker), "/", 2047, 131072, 2);
            long start = System.nanoTime();
            List<Long> heartbeats = new ArrayList<>();
            raw.readTimeout(Duration.ofSeconds(5));
            while (heartbeats.size() < 3) {
                Frame f = raw.readFrame();
                if (f.type() == RawAmqpClient.FRAME_HEARTBEAT) {
                    heartbeats.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    raw.sendHeartbeat();
                }
            }
            // at a 2 s interval: about 1, 2 and 3 s (a broker waiting a full interval sends at 2, 4, 6 s)
            assertThat(heartbeats.get(0)).as("first heartbeat (ms) %s", heartbeats).isBetween(500L, 1600L);
            assertThat(heartbeats.get(2)).as("third heartbeat (ms) %s", heartbeats).isBetween(2000L, 3800L);
        }
    }

    // ---- 9: names on declare ---------------------------------------------------------------

    private static void declareQueue(RawAmqpClient raw, byte[] name, int flags) throws IOException {
        raw.sendMethod(1, 50, 10, new Writer().u16(0).u8(name.length).raw(name).u8(flags).table(new byte[0]));
    }

    private static void declareExchange(RawAmqpClient raw, byte[] name, int flags) throws IOException {
        raw.sendMethod(1, 40, 10, new Writer().u16(0).u8(name.length).raw(name).shortStr("fanout").u8(flags)
                .table(new byte[0]));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void crAndLfAreStrippedFromDeclaredNames(String broker) throws Exception {
        String queue = unique("q");
        String exchange = unique("x");
        try (RawAmqpClient raw = opened(broker)) {
            declareQueue(raw, (queue + "\r\n").getBytes(StandardCharsets.UTF_8), 0x08); // auto-delete
            Frame ok = raw.readNonHeartbeat();
            RawAmqpClient.expectMethod(ok, 50, 11);
            assertThat(ok.arguments().shortStr()).isEqualTo(queue);

            declareExchange(raw, ("\r" + exchange + "\n").getBytes(StandardCharsets.UTF_8), 0x04); // auto-delete
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 40, 11);
            declareExchange(raw, exchange.getBytes(StandardCharsets.UTF_8), 0x01); // passive: it exists by the stripped name
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 40, 11);
            raw.sendMethod(1, 40, 20, new Writer().u16(0).shortStr(exchange).u8(0));
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 40, 21);
            raw.sendMethod(1, 50, 40, new Writer().u16(0).shortStr(queue).u8(0));
            RawAmqpClient.expectMethod(raw.readNonHeartbeat(), 50, 41);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void malformedUtf8InANameIsAFrameErrorAndCreatesNothing(String broker) throws Exception {
        String prefix = unique("bad");
        byte[] name = (prefix + "-\u0000\u0000").getBytes(StandardCharsets.UTF_8);
        name[name.length - 2] = (byte) 0xff;
        name[name.length - 1] = (byte) 0xfe;
        for (boolean queue : new boolean[] {true, false}) {
            try (RawAmqpClient raw = opened(broker)) {
                if (queue) {
                    declareQueue(raw, name, 0);
                } else {
                    declareExchange(raw, name, 0);
                }
                Close close = raw.expectConnectionClose();
                assertThat(close).isEqualTo(new Close(501, "FRAME_ERROR - Malformed UTF-8 in shortstr", 0, 0));
            }
            // what a lenient decoder would have named it: it must not exist
            try (RawAmqpClient raw = opened(broker)) {
                String lossy = new String(name, StandardCharsets.UTF_8);
                if (queue) {
                    raw.sendMethod(1, 50, 10, new Writer().u16(0).shortStr(lossy).u8(0x01).table(new byte[0]));
                } else {
                    raw.sendMethod(1, 40, 10, new Writer().u16(0).shortStr(lossy).shortStr("fanout").u8(0x01)
                            .table(new byte[0]));
                }
                assertThat(raw.expectChannelClose(1).replyCode()).isEqualTo(404);
            }
        }
    }

    // ---- 12: frame-max before and at tune-ok -----------------------------------------------

    /** Protocol header and start-ok; returns after reading connection.tune. */
    private static void startOk(RawAmqpClient raw, String broker, byte[] clientProperties, String password)
            throws IOException {
        raw.sendProtocolHeader();
        RawAmqpClient.expectMethod(raw.readFrame(), 10, 10);
        byte[] response = ("\0" + user(broker) + "\0" + password).getBytes(StandardCharsets.UTF_8);
        raw.sendMethod(0, 10, 11, new Writer().table(clientProperties).shortStr("PLAIN").longStr(response).shortStr("en_US"));
    }

    /** The connection ends with the socket closed and no connection.close (RabbitMQ's answer before tune-ok). */
    private static void assertSilentlyClosed(RawAmqpClient raw) throws IOException {
        raw.readTimeout(Duration.ofSeconds(8));
        Close close;
        try {
            close = raw.closeOrEof();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the broker kept the connection open", e);
        }
        assertThat(close).as("connection.close before the socket closed").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void aFrameLargerThan4096BytesBeforeTuneOkIsRefused(String broker) throws Exception {
        try (RawAmqpClient raw = raw(broker)) {
            startOk(raw, broker, RawAmqpClient.CLIENT_PROPERTIES, password(broker));
            RawAmqpClient.expectMethod(raw.readFrame(), 10, 30);
            // a tune-ok padded to 4097 bytes of payload: too large before frame-max is agreed
            raw.sendMethod(0, 10, 31, new Writer().u16(2047).u32(131072).u16(0).raw(new byte[4097 - 12]));
            assertSilentlyClosed(raw);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void tuneOkWithFrameMaxZeroIsRefused(String broker) throws Exception {
        try (RawAmqpClient raw = raw(broker)) {
            raw.negotiate(user(broker), password(broker), 2047, 0, 0);
            assertSilentlyClosed(raw);
        }
    }

    // ---- 13: content frames where a method is expected ---------------------------------------

    private static byte[] contentHeader() {
        return new Writer().u16(60).u16(0).u64(5).u16(0).bytes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void aContentHeaderWhereAMethodIsExpectedIsUnexpectedFrame(String broker) throws Exception {
        try (RawAmqpClient raw = opened(broker)) {
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 1, contentHeader());
            assertThat(raw.expectConnectionClose()).isEqualTo(
                    new Close(505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void aContentHeaderOnAnUnopenedChannelIsUnexpectedFrame(String broker) throws Exception {
        try (RawAmqpClient raw = opened(broker)) {
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 5, contentHeader());
            assertThat(raw.expectConnectionClose()).isEqualTo(
                    new Close(505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void contentOnChannelZeroIsUnexpectedFrame(String broker) throws Exception {
        try (RawAmqpClient raw = opened(broker)) {
            raw.sendFrame(RawAmqpClient.FRAME_HEADER, 0, contentHeader());
            assertThat(raw.expectConnectionClose()).isEqualTo(new Close(505,
                    "UNEXPECTED_FRAME - type 2, all octets = <<0,60,0,0,0,0,0,0,0,0,0,5,0,0>>", 0, 0));
        }
        try (RawAmqpClient raw = opened(broker)) {
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 0, "hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.expectConnectionClose()).isEqualTo(
                    new Close(505, "UNEXPECTED_FRAME - type 3, all octets = <<\"hello\">>", 0, 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void aFrameOnAChannelBeforeConnectionOpenIsUnexpectedFrame(String broker) throws Exception {
        try (RawAmqpClient raw = raw(broker)) {
            raw.negotiate(user(broker), password(broker), 2047, 131072, 0);
            raw.sendFrame(RawAmqpClient.FRAME_BODY, 1, "hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.expectConnectionClose()).isEqualTo(
                    new Close(505, "UNEXPECTED_FRAME - type 3, all octets = <<\"hello\">>", 0, 0));
        }
    }

    // ---- 14: failed logins -------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void aFailedLoginIsAConnectionCloseOnlyForClientsThatAskForIt(String broker) throws Exception {
        try (RawAmqpClient raw = raw(broker)) {
            startOk(raw, broker, RawAmqpClient.CLIENT_PROPERTIES, "not-the-password");
            Close close = raw.expectConnectionClose();
            assertThat(close).isEqualTo(new Close(403, "ACCESS_REFUSED - Login was refused using authentication "
                    + "mechanism PLAIN. For details see the broker logfile.", 0, 0));
        }
        try (RawAmqpClient raw = raw(broker)) {
            startOk(raw, broker, new byte[0], "not-the-password"); // no authentication_failure_close capability
            assertSilentlyClosed(raw);
        }
    }

    // ---- 15: the version server property --------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FERRYMQ, RABBITMQ})
    void versionIsOneRabbitMqClientsAccept(String broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        if (broker.equals(FERRYMQ)) {
            factory.setHost(ferry.host());
            factory.setPort(ferry.port());
        } else {
            PeerBroker.raw().close(); // aborts when there is no peer
            factory.setUri(PeerBroker.uri());
        }
        factory.setUsername(user(broker));
        factory.setPassword(password(broker));
        try (Connection connection = factory.newConnection()) {
            Map<String, Object> props = connection.getServerProperties();
            String version = props.get("version").toString();
            // what the RabbitMQ clients' version checks parse (x.y.z), at least 3.8 (quorum queues, streams checks)
            assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
            String[] parts = version.split("\\.");
            assertThat(Integer.parseInt(parts[0]) * 100 + Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(308);
            if (broker.equals(FERRYMQ)) {
                assertThat(props.get("product").toString()).isEqualTo("FerryMQ");
                assertThat(props.get("product_version").toString()).isNotBlank();
                assertThat(props.get("information").toString()).startsWith("FerryMQ " + props.get("product_version"));
            }
        }
    }
}
