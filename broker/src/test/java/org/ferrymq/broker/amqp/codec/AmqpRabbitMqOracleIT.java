package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.ferrymq.broker.FerryBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.concat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.hex;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.methodFrame;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.methodPayload;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.rawFrame;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.utf8;

/**
 * The codec against the reference broker over a real socket: RabbitMQ 3.10 at 127.0.0.1:5682
 * (or the broker named by {@code -Dferrymq.it.amqpUri}, or an embedded FerryMQ with
 * {@code -Dferrymq.codec.oracle=embedded}). Its frames must decode, ours must be accepted, and
 * for each kind of malformed input the broker's answer must be what {@code package-info}
 * records, and what FerryMQ's decoder and assembler produce on the same bytes.
 */
@Timeout(30)
class AmqpRabbitMqOracleIT {
    private static final boolean EMBEDDED = "embedded".equals(System.getProperty("ferrymq.codec.oracle"));
    private static URI BROKER = URI.create(System.getProperty("ferrymq.it.amqpUri",
            "amqp://guest:guest@127.0.0.1:5682"));
    private static FerryBroker ferry;
    private static final int FRAME_MAX = 4096;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AmqpRabbitMqOracleIT.class);

    @BeforeAll
    static void brokerIsUp(@TempDir Path dataDir) {
        if (EMBEDDED) {
            try {
                ferry = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
            } catch (UnsupportedOperationException e) {
                Assumptions.abort("this FerryMQ has no AMQP server yet");
            }
            BROKER = URI.create("amqp://guest:guest@127.0.0.1:" + ferry.amqpPort());
            return;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER.getHost(), BROKER.getPort()), 2000);
        } catch (IOException e) {
            Assumptions.abort("no AMQP broker at " + BROKER + " (start it with scripts/rabbitmq-peer.sh start)");
        }
    }

    @AfterAll
    static void stopEmbedded() {
        if (ferry != null) {
            ferry.close();
        }
    }

    @Test
    void serverFramesDecode() throws IOException {
        try (AmqpSocketPeer peer = AmqpSocketPeer.connect(BROKER)) {
            peer.sendBytes(AmqpFrameWriter.PROTOCOL_HEADER);
            AmqpConnectionStart start = peer.expectMethod(AmqpConnectionStart.class);
            assertThat(start.versionMajor()).isZero();
            assertThat(start.versionMinor()).isEqualTo(9);
            assertThat(start.mechanisms().split(" ")).contains("PLAIN", "AMQPLAIN");
            assertThat(start.locales()).isEqualTo("en_US");
            assertThat(start.serverProperties()).containsKeys("product", "version", "capabilities");
            assertThat(start.serverProperties().get("capabilities")).isInstanceOfSatisfying(Map.class,
                    capabilities -> assertThat(capabilities.get("publisher_confirms")).isEqualTo(true));
            log.info("connection.start capture: {}", io.netty.buffer.ByteBufUtil.hexDump(peer.receivedBytes()));
        }
    }

    @Test
    void amqplainResponseIsATableWithoutItsLength() throws IOException {
        for (String password : List.of("guest", "wrong")) {
            try (AmqpSocketPeer peer = AmqpSocketPeer.connect(BROKER)) {
                peer.sendBytes(AmqpFrameWriter.PROTOCOL_HEADER);
                peer.expectMethod(AmqpConnectionStart.class);
                Map<String, Object> entries = new java.util.LinkedHashMap<>();
                entries.put("LOGIN", "guest");
                entries.put("PASSWORD", password);
                ByteBuf table = Unpooled.buffer();
                AmqpFieldTable.write(table, entries);
                byte[] withLength = AmqpCodecTestSupport.bytesOf(table);
                byte[] response = java.util.Arrays.copyOfRange(withLength, 4, withLength.length);
                peer.send(buf -> AmqpFrameWriter.writeMethod(buf, 0,
                        new AmqpConnectionStartOk(Map.of("capabilities", Map.of("authentication_failure_close", true)),
                                "AMQPLAIN", response, "en_US")));
                assertThat(AmqpFieldTable.readEntries(Unpooled.wrappedBuffer(response), response.length))
                        .containsEntry("LOGIN", "guest").containsEntry("PASSWORD", password);
                if (password.equals("guest")) {
                    peer.expectMethod(AmqpConnectionTune.class);
                } else {
                    AmqpConnectionClose close = peer.expectMethod(AmqpConnectionClose.class);
                    assertThat(close.replyCode()).isEqualTo(403);
                    assertThat(close.replyText()).startsWith("ACCESS_REFUSED");
                }
            }
        }
    }

    @Test
    void publishAndGetWithPropertiesAndASplitBody() throws IOException {
        byte[] body = new byte[10_000];
        new Random(3).nextBytes(body);
        AmqpBasicProperties properties = new AmqpBasicProperties("application/octet-stream", "identity",
                AmqpCodecTestSupport.sampleTable(), 1, 5, "corr", "reply", "60000", "id-1", 1_700_000_000L,
                "type", "guest", "codec-oracle", null);
        try (AmqpSocketPeer peer = AmqpSocketPeer.handshake(BROKER, FRAME_MAX)) {
            peer.send(buf -> AmqpFrameWriter.writeMethod(buf, 1,
                    new AmqpQueueDeclare("", false, false, true, true, false, Map.of("x-message-ttl", 60000))));
            AmqpQueueDeclareOk declareOk = peer.expectMethod(AmqpQueueDeclareOk.class);
            assertThat(declareOk.queue()).startsWith("amq.gen-");
            peer.send(buf -> {
                AmqpFrameWriter.writeMethod(buf, 1, new AmqpBasicPublish("", declareOk.queue(), true, false));
                AmqpFrameWriter.writeContent(buf, 1, properties, body, FRAME_MAX);
                AmqpFrameWriter.writeMethod(buf, 1, new AmqpBasicGet(declareOk.queue(), true));
            });
            AmqpCommandAssembler assembler = new AmqpCommandAssembler(1 << 20);
            AmqpCommand command = null;
            int bodyFrames = 0;
            while (command == null) {
                Object frame = peer.next(Duration.ofSeconds(5));
                assertThat(frame).isInstanceOf(AmqpFrame.class);
                if (frame instanceof AmqpContentBodyFrame bodyFrame) {
                    bodyFrames++;
                    assertThat(bodyFrame.payload().readableBytes()).isLessThanOrEqualTo(FRAME_MAX - 8);
                }
                command = assembler.accept((AmqpFrame) frame);
                io.netty.util.ReferenceCountUtil.release(frame);
            }
            assertThat(command.method()).isEqualTo(new AmqpBasicGetOk(1, false, "", declareOk.queue(), 0));
            assertThat(command.properties()).isEqualTo(properties);
            assertThat(command.body()).isEqualTo(body);
            assertThat(bodyFrames).isEqualTo(3);
            log.info("get-ok capture: {}", io.netty.buffer.ByteBufUtil.hexDump(peer.receivedBytes()));

            peer.send(buf -> AmqpFrameWriter.writeMethod(buf, 1, new AmqpQueueDelete(declareOk.queue(), false, false, false)));
            assertThat(peer.expectMethod(AmqpQueueDeleteOk.class).messageCount()).isZero();
            peer.send(buf -> AmqpFrameWriter.writeMethod(buf, 0, new AmqpConnectionClose(200, "bye", 0, 0)));
            peer.expectMethod(AmqpConnectionCloseOk.class);
        }
    }

    private static final byte[] PUBLISH = methodFrame(1, new AmqpBasicPublish("", "ferrymq-codec-nowhere", false, false));

    private static byte[] header(int classId, long bodySize) {
        return rawFrame(2, 1, concat(hex(String.format("%04x 0000 %016x 0000", classId, bodySize))));
    }

    static Stream<Arguments> malformedInput() {
        return Stream.of(
                Arguments.of("truncated arguments", rawFrame(1, 1, methodPayload(60, 80, new byte[3])),
                        501, "FRAME_ERROR - cannot decode <<0,0,0>>", 60, 80),
                Arguments.of("bytes after the arguments", rawFrame(1, 1, methodPayload(60, 80, hex("0000000000000000 00 ffff"))),
                        501, "FRAME_ERROR - cannot decode <<0,0,0,0,0,0,0,0,0,255,255>>", 60, 80),
                Arguments.of("method payload under 4 bytes", rawFrame(1, 1, hex("003c")),
                        501, "FRAME_ERROR - type 1, all octets = <<0,60>>: unknown_frame", 0, 0),
                Arguments.of("frame-end not 0xCE", rawFrame(1, 1, methodPayload(60, 80, new byte[9]), 0xAB),
                        501, "FRAME_ERROR - type 1, all octets = <<0,60,0,80,0,0,0,0,0,0,0,0,0>>: {invalid_frame_end_marker,171}", 0, 0),
                Arguments.of("frame over frame_max", hex("03 0001 00001001"),
                        501, "FRAME_ERROR - type 3, all octets = <<>>: {frame_too_large,4097,4088}", 0, 0),
                Arguments.of("unknown frame type", rawFrame(5, 1, utf8("abc")),
                        501, "FRAME_ERROR - type 5, all octets = <<\"abc\">>: unknown_frame", 0, 0),
                Arguments.of("heartbeat with a payload", rawFrame(8, 0, utf8("xx")),
                        501, "FRAME_ERROR - type 8, all octets = <<\"xx\">>: unknown_frame", 0, 0),
                Arguments.of("heartbeat on channel 1", rawFrame(8, 1, new byte[0]),
                        505, "UNEXPECTED_FRAME - type 8, all octets = <<>>", 0, 0),
                Arguments.of("content header with no method", header(60, 5),
                        505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0, 0),
                Arguments.of("body with no header", rawFrame(3, 1, utf8("hello")),
                        505, "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0, 0),
                Arguments.of("publish then body", concat(PUBLISH, rawFrame(3, 1, utf8("hello"))),
                        505, "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead", 60, 40),
                Arguments.of("publish then method", concat(PUBLISH, methodFrame(1, new AmqpBasicAck(1, false))),
                        505, "UNEXPECTED_FRAME - expected content header for class 60, got non content header frame instead", 60, 40),
                Arguments.of("publish then header of class 50", concat(PUBLISH, header(50, 5)),
                        505, "UNEXPECTED_FRAME - expected content header for class 60, got one for class 50 instead", 60, 40),
                Arguments.of("method while body expected", concat(PUBLISH, header(60, 5), methodFrame(1, new AmqpBasicAck(1, false))),
                        505, "UNEXPECTED_FRAME - expected content body, got non content body frame instead", 60, 40),
                Arguments.of("undecodable content properties", concat(PUBLISH,
                                rawFrame(2, 1, hex("003c 0000 0000000000000000 2000 00000009"))),
                        541, null, 0, 0),
                // RabbitMQ 3.10 drops the socket here (reader crash); FerryMQ closes with 501
                Arguments.of("unknown method id", rawFrame(1, 1, methodPayload(60, 99, new byte[0])),
                        501, "FRAME_ERROR - unknown method id {60,99}", 60, 99),
                Arguments.of("unknown class id", rawFrame(1, 1, methodPayload(99, 10, new byte[0])),
                        501, "FRAME_ERROR - unknown method id {99,10}", 99, 10),
                Arguments.of("unknown field value type", rawFrame(1, 1, methodPayload(50, 10, hex("0000 01 71 00 00000003 0161 5a"))),
                        501, "FRAME_ERROR - cannot decode <<0,0,1,113,0,0,0,0,3,1,97,90>>", 50, 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInput")
    void brokerAndCodecAnswerMalformedInputAlike(String name, byte[] bytes, int code, String text, int classId,
                                                 int methodId) throws IOException {
        AmqpConnectionClose expected = new AmqpConnectionClose(code, text, classId, methodId);

        // what FerryMQ's codec makes of these bytes
        AmqpConnectionClose ours = codecVerdict(bytes);
        assertThat(ours.replyCode()).isEqualTo(code);
        if (text != null) {
            assertThat(ours).isEqualTo(expected);
        }

        // what the broker answers
        try (AmqpSocketPeer peer = AmqpSocketPeer.handshake(BROKER, FRAME_MAX)) {
            peer.sendBytes(bytes);
            Object answer = peer.next(Duration.ofSeconds(5));
            while (answer instanceof AmqpHeartbeatFrame) {
                answer = peer.next(Duration.ofSeconds(5));
            }
            boolean rabbitMqPeer = !EMBEDDED && !System.getProperties().containsKey("ferrymq.it.amqpUri");
            if (answer == AmqpSocketPeer.CLOSED && name.startsWith("unknown") && rabbitMqPeer) {
                return; // RabbitMQ 3.10's reader crashes on these and drops the connection without a close
            }
            assertThat(answer).as("broker's answer").isInstanceOf(AmqpMethodFrame.class);
            AmqpConnectionClose close = (AmqpConnectionClose) ((AmqpMethodFrame) answer).method();
            assertThat(close.replyCode()).isEqualTo(code);
            assertThat(close.failingClassId()).isEqualTo(classId);
            assertThat(close.failingMethodId()).isEqualTo(methodId);
            if (text != null) {
                // Erlang's ~p wraps long terms over several lines
                assertThat(close.replyText().replaceAll("\\n\\s*", "")).isEqualTo(text);
            }
        }
    }

    /** Runs the bytes through a decoder and per-channel assemblers, as the server will, and returns the close. */
    private static AmqpConnectionClose codecVerdict(byte[] bytes) {
        EmbeddedChannel channel = AmqpCodecTestSupport.decoderChannel(FRAME_MAX);
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        Map<Integer, AmqpCommandAssembler> assemblers = new HashMap<>();
        List<Object> frames = new ArrayList<>(AmqpCodecTestSupport.drain(channel));
        AmqpConnectionClose verdict = null;
        for (Object frame : frames) {
            if (verdict != null) {
                AmqpCodecTestSupport.releaseBodies(List.of(frame));
                continue;
            }
            AmqpFrame amqpFrame = (AmqpFrame) frame;
            try {
                assemblers.computeIfAbsent(amqpFrame.channel(), c -> new AmqpCommandAssembler(1 << 20)).accept(amqpFrame);
            } catch (AmqpException e) {
                verdict = new AmqpConnectionClose(e.replyCode().code(), e.replyText(), e.classId(), e.methodId());
            } finally {
                io.netty.util.ReferenceCountUtil.release(amqpFrame);
            }
        }
        channel.finishAndReleaseAll();
        return verdict == null ? new AmqpConnectionClose(ReplyCode.SUCCESS.code(), "no error", 0, 0) : verdict;
    }
}
