package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.concat;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.decode;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.decoderChannel;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.drain;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.finish;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.hex;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.methodFrame;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.methodPayload;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.rawFrame;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.releaseBodies;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.utf8;

@Timeout(20)
class AmqpFrameDecoderTest {
    private static final AmqpBasicPublish PUBLISH = new AmqpBasicPublish("amq.direct", "rk", true, false);
    private static final AmqpBasicProperties PROPERTIES = AmqpBasicPropertiesTest.ALL;

    /** A small conversation: a method, a publish with a 3-frame body, a heartbeat, another method. */
    private static byte[] conversation() {
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeMethod(buf, 0, new AmqpConnectionTuneOk(2047, 131072, 60));
        AmqpFrameWriter.writeMethod(buf, 1, PUBLISH);
        AmqpFrameWriter.writeContent(buf, 1, 60, PROPERTIES.encode(), utf8("hello, ferry!"), 13);
        AmqpFrameWriter.writeHeartbeat(buf);
        AmqpFrameWriter.writeMethod(buf, 1, new AmqpBasicAck(9, true));
        return AmqpCodecTestSupport.bytesOf(buf);
    }

    private static List<String> describe(List<Object> frames) {
        List<String> out = new ArrayList<>();
        for (Object frame : frames) {
            if (frame instanceof AmqpContentBodyFrame body) {
                out.add("body " + body.channel() + " " + body.payload().toString(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                out.add(frame.toString());
            }
        }
        return out;
    }

    @Test
    void protocolHeaderThenFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(131072));
        List<Object> frames = decode(channel, concat(AmqpFrameWriter.PROTOCOL_HEADER, conversation()));
        List<String> described = describe(frames);
        releaseBodies(frames);

        assertThat(frames.get(0)).isEqualTo(new AmqpProtocolHeader(true, AmqpFrameWriter.PROTOCOL_HEADER));
        assertThat(frames.get(1)).isEqualTo(new AmqpMethodFrame(0, new AmqpConnectionTuneOk(2047, 131072, 60)));
        assertThat(frames.get(2)).isEqualTo(new AmqpMethodFrame(1, PUBLISH));
        assertThat(frames.get(3)).isEqualTo(new AmqpContentHeaderFrame(1, 60, 13, PROPERTIES, PROPERTIES.encode()));
        assertThat(described.subList(4, 7)).containsExactly("body 1 hello", "body 1 , fer", "body 1 ry!");
        assertThat(frames.get(7)).isEqualTo(new AmqpHeartbeatFrame(0));
        assertThat(frames.get(8)).isEqualTo(new AmqpMethodFrame(1, new AmqpBasicAck(9, true)));
        assertThat(frames).hasSize(9);
        finish(channel);
    }

    @Test
    void bytesSplitAtEveryPositionGiveTheSameFrames() {
        byte[] bytes = concat(AmqpFrameWriter.PROTOCOL_HEADER, conversation());
        EmbeddedChannel whole = new EmbeddedChannel(new AmqpFrameDecoder(0));
        List<Object> wholeFrames = decode(whole, bytes);
        List<String> expected = describe(wholeFrames);
        releaseBodies(wholeFrames);

        for (int split = 0; split <= bytes.length; split++) {
            EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(0));
            List<Object> frames = new ArrayList<>(decode(channel, Arrays.copyOfRange(bytes, 0, split)));
            frames.addAll(decode(channel, Arrays.copyOfRange(bytes, split, bytes.length)));
            assertThat(describe(frames)).as("split at %d", split).isEqualTo(expected);
            releaseBodies(frames);
            finish(channel);
        }
    }

    @Test
    void bytesArrivingOneByOneWaitForCompleteFrames() {
        byte[] bytes = concat(AmqpFrameWriter.PROTOCOL_HEADER, conversation());
        EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(0));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            List<Object> frames = decode(channel, new byte[] {bytes[i]});
            if (i < AmqpFrameWriter.PROTOCOL_HEADER.length - 1) {
                assertThat(frames).isEmpty();
            }
            seen.addAll(describe(frames));
            releaseBodies(frames);
        }
        assertThat(seen).hasSize(9);
        finish(channel);
    }

    @Test
    void contentSplitAcrossManyBodyFramesIsReassembled() {
        byte[] body = new byte[100_000];
        new Random(7).nextBytes(body);
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeMethod(buf, 3, PUBLISH);
        AmqpFrameWriter.writeContent(buf, 3, 60, PROPERTIES.encode(), body, 4096);
        EmbeddedChannel channel = decoderChannel(4096);
        channel.writeInbound(buf);
        AmqpCommandAssembler assembler = new AmqpCommandAssembler(1 << 20);
        List<AmqpCommand> commands = new ArrayList<>();
        int bodyFrames = 0;
        for (Object frame : drain(channel)) {
            bodyFrames += frame instanceof AmqpContentBodyFrame ? 1 : 0;
            AmqpCommand command = assembler.accept((AmqpFrame) frame);
            io.netty.util.ReferenceCountUtil.release(frame); // the connection's part
            if (command != null) {
                commands.add(command);
            }
        }
        assertThat(bodyFrames).isEqualTo((100_000 + 4087) / 4088);
        assertThat(commands).containsExactly(new AmqpCommand(3, PUBLISH, PROPERTIES, PROPERTIES.encode(), body));
        assertThat(buf.refCnt()).isZero();
        finish(channel);
    }

    @Test
    void unsupportedProtocolHeaderIsReportedAndTheRestDiscarded() {
        for (String header : List.of("414d515001010009", "414d515000000900", "474554202f20485454")) {
            EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(0));
            byte[] bytes = hex(header);
            List<Object> frames = decode(channel, concat(bytes, methodFrame(0, AmqpConnectionCloseOk.INSTANCE)));
            assertThat(frames).containsExactly(new AmqpProtocolHeader(false, Arrays.copyOf(bytes, 8)));
            assertThat(decode(channel, conversation())).isEmpty();
            finish(channel);
        }
    }

    @Test
    void shortProtocolHeaderWaits() {
        EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(0));
        assertThat(decode(channel, utf8("AMQP"))).isEmpty();
        assertThat(decode(channel, new byte[] {0, 0, 9})).isEmpty();
        assertThat(decode(channel, new byte[] {1})).containsExactly(new AmqpProtocolHeader(true, AmqpFrameWriter.PROTOCOL_HEADER));
        finish(channel);
    }

    @Test
    void wrongFrameEnd() {
        byte[] payload = methodPayload(60, 80, new byte[9]);
        assertBadFrame(rawFrame(1, 1, payload, 0xAB), ReplyCode.FRAME_ERROR,
                "type 1, all octets = <<0,60,0,80,0,0,0,0,0,0,0,0,0>>: {invalid_frame_end_marker,171}", 1, 0, 0);
    }

    @Test
    void oversizedFrameIsRejectedFromItsHeaderAlone() {
        byte[] header = hex("01 0001 00020001");
        assertBadFrame(131072, header, ReplyCode.FRAME_ERROR,
                "type 1, all octets = <<>>: {frame_too_large,131073,131064}", 1, 0, 0);
        // a payload of frame-max bytes still passes, as in RabbitMQ (whose limit has 8 bytes of fudge)
        EmbeddedChannel channel = decoderChannel(4096);
        List<Object> frames = decode(channel, rawFrame(3, 1, new byte[4096]));
        assertThat(frames).hasSize(1).first().isInstanceOf(AmqpContentBodyFrame.class);
        releaseBodies(frames);
        assertThat(decode(channel, rawFrame(3, 1, new byte[4097])).get(0)).isEqualTo(new AmqpBadFrame(
                ReplyCode.FRAME_ERROR, "type 3, all octets = <<>>: {frame_too_large,4097,4088}", 1, 0, 0));
        finish(channel);
    }

    @Test
    void maxFrameSizeCanChangeAfterTune() {
        AmqpFrameDecoder decoder = new AmqpFrameDecoder(4096);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        decode(channel, AmqpFrameWriter.PROTOCOL_HEADER);
        decoder.maxFrameSize(0);
        List<Object> frames = decode(channel, rawFrame(3, 1, new byte[200_000]));
        assertThat(frames).hasSize(1);
        releaseBodies(frames);
        decoder.maxFrameSize(8192);
        assertThat(decoder.maxFrameSize()).isEqualTo(8192);
        assertThat(decode(channel, rawFrame(3, 1, new byte[8193])).get(0)).isInstanceOf(AmqpBadFrame.class);
        finish(channel);
    }

    @Test
    void unknownFrameType() {
        assertBadFrame(rawFrame(5, 1, utf8("abc")), ReplyCode.FRAME_ERROR,
                "type 5, all octets = <<\"abc\">>: unknown_frame", 1, 0, 0);
        assertBadFrame(rawFrame(4, 0, new byte[0]), ReplyCode.FRAME_ERROR, "type 4, all octets = <<>>: unknown_frame", 0, 0, 0);
    }

    @Test
    void unknownClassOrMethodId() {
        assertBadFrame(rawFrame(1, 1, methodPayload(99, 10, new byte[0])), ReplyCode.FRAME_ERROR,
                "unknown method id {99,10}", 1, 99, 10);
        assertBadFrame(rawFrame(1, 1, methodPayload(60, 99, new byte[0])), ReplyCode.FRAME_ERROR,
                "unknown method id {60,99}", 1, 60, 99);
    }

    @Test
    void truncatedOrOverlongMethodArguments() {
        assertBadFrame(rawFrame(1, 1, methodPayload(60, 80, new byte[3])), ReplyCode.FRAME_ERROR,
                "cannot decode <<0,0,0>>", 1, 60, 80);
        assertBadFrame(rawFrame(1, 1, methodPayload(50, 10, hex("0000 05 6162"))), ReplyCode.FRAME_ERROR,
                "cannot decode <<0,0,5,97,98>>", 1, 50, 10);
        assertBadFrame(rawFrame(1, 1, methodPayload(60, 80, hex("0000000000000000 00 ffff"))), ReplyCode.FRAME_ERROR,
                "cannot decode <<0,0,0,0,0,0,0,0,0,255,255>>", 1, 60, 80);
        assertBadFrame(rawFrame(1, 1, hex("003c")), ReplyCode.FRAME_ERROR,
                "type 1, all octets = <<0,60>>: unknown_frame", 1, 0, 0);
        // a table value type nobody defines
        assertBadFrame(rawFrame(1, 1, methodPayload(50, 10, hex("0000 01 71 00 00000003 0161 5a"))),
                ReplyCode.FRAME_ERROR, "cannot decode <<0,0,1,113,0,0,0,0,3,1,97,90>>", 1, 50, 10);
    }

    @Test
    void heartbeats() {
        EmbeddedChannel channel = decoderChannel(0);
        assertThat(decode(channel, rawFrame(8, 0, new byte[0]))).containsExactly(new AmqpHeartbeatFrame(0));
        assertBadFrame(rawFrame(8, 1, new byte[0]), ReplyCode.UNEXPECTED_FRAME, "type 8, all octets = <<>>", 1, 0, 0);
        assertBadFrame(rawFrame(8, 0, utf8("xx")), ReplyCode.FRAME_ERROR, "type 8, all octets = <<\"xx\">>: unknown_frame", 0, 0, 0);
    }

    @Test
    void contentHeaderWithUndecodablePropertiesOrTooShort() {
        // headers flag set, table length 9 with nothing after it: RabbitMQ answers 541
        byte[] badProperties = hex("003c 0000 0000000000000000 2000 00000009");
        List<Object> frames = decode(decoderChannel(0), rawFrame(2, 1, badProperties));
        assertThat(frames).hasSize(1);
        assertThat(((AmqpBadFrame) frames.get(0)).code()).isEqualTo(ReplyCode.INTERNAL_ERROR);
        assertBadFrame(rawFrame(2, 1, hex("003c 0000 00000000")), ReplyCode.FRAME_ERROR,
                "type 2, all octets = <<0,60,0,0,0,0,0,0>>: unknown_frame", 1, 0, 0);
        // another class's header: properties are not decoded but kept raw
        AmqpContentHeaderFrame other = (AmqpContentHeaderFrame) decode(decoderChannel(0),
                rawFrame(2, 1, hex("0032 0000 0000000000000005 8000 0174"))).get(0);
        assertThat(other.classId()).isEqualTo(50);
        assertThat(other.properties()).isEqualTo(AmqpBasicProperties.EMPTY);
        assertThat(other.rawProperties()).isEqualTo(hex("8000 0174"));
    }

    @Test
    void badFrameInTheMiddleStopsEverythingAfterIt() {
        byte[] good = methodFrame(1, new AmqpBasicAck(1, false));
        byte[] bad = rawFrame(9, 1, new byte[0]);
        EmbeddedChannel channel = decoderChannel(0);
        List<Object> frames = decode(channel, concat(good, bad, good, conversation()));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1)).isInstanceOf(AmqpBadFrame.class);
        assertThat(decode(channel, conversation())).isEmpty();
        finish(channel);
    }

    @Test
    void randomGarbageNeverThrowsAndEndsInAtMostOneBadFrame() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            if (round % 3 == 0 && garbage.length > 7) {
                garbage[0] = (byte) (1 + random.nextInt(3)); // plausible frame types
                garbage[3] = 0;
                garbage[4] = 0;
            }
            EmbeddedChannel channel = decoderChannel(4096);
            List<Object> frames = new ArrayList<>();
            int offset = 0;
            while (offset < garbage.length) {
                int chunk = Math.min(garbage.length - offset, 1 + random.nextInt(40));
                frames.addAll(decode(channel, Arrays.copyOfRange(garbage, offset, offset + chunk)));
                offset += chunk;
            }
            long bad = frames.stream().filter(f -> f instanceof AmqpBadFrame).count();
            assertThat(bad).isLessThanOrEqualTo(1);
            if (bad == 1) {
                assertThat(frames.get(frames.size() - 1)).isInstanceOf(AmqpBadFrame.class);
            }
            releaseBodies(frames);
            finish(channel);
        }
    }

    @Test
    void randomGarbageInsteadOfTheProtocolHeader() {
        Random random = new Random(1);
        for (int round = 0; round < 100; round++) {
            byte[] garbage = new byte[8 + random.nextInt(100)];
            random.nextBytes(garbage);
            EmbeddedChannel channel = new EmbeddedChannel(new AmqpFrameDecoder(0));
            List<Object> frames = decode(channel, garbage);
            assertThat(frames).hasSize(1);
            assertThat(((AmqpProtocolHeader) frames.get(0)).supported()).isFalse();
            finish(channel);
        }
    }

    @Test
    void partialFrameAtCloseIsDroppedQuietly() {
        EmbeddedChannel channel = decoderChannel(0);
        byte[] frame = methodFrame(1, new AmqpQueueDeclare("q", false, true, false, false, false, Map.of("a", 1)));
        assertThat(decode(channel, Arrays.copyOf(frame, frame.length - 1))).isEmpty();
        finish(channel);
    }

    private static void assertBadFrame(byte[] bytes, ReplyCode code, String text, int channel, int classId, int methodId) {
        assertBadFrame(0, bytes, code, text, channel, classId, methodId);
    }

    private static void assertBadFrame(int maxFrameSize, byte[] bytes, ReplyCode code, String text, int channel,
                                       int classId, int methodId) {
        EmbeddedChannel embedded = decoderChannel(maxFrameSize);
        List<Object> frames = decode(embedded, bytes);
        assertThat(frames).containsExactly(new AmqpBadFrame(code, text, channel, classId, methodId));
        assertThat(decode(embedded, methodFrame(1, new AmqpBasicAck(1, false)))).as("discards afterwards").isEmpty();
        finish(embedded);
    }
}
