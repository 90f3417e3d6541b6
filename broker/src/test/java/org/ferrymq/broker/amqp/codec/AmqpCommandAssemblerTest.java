package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.utf8;

@Timeout(10)
class AmqpCommandAssemblerTest {
    private static final AmqpBasicPublish PUBLISH = new AmqpBasicPublish("", "q", false, false);
    private static final AmqpBasicProperties PROPERTIES = AmqpBasicProperties.EMPTY.withDeliveryMode(2);

    private final AmqpCommandAssembler assembler = new AmqpCommandAssembler(1000);

    private static AmqpMethodFrame method(AmqpMethod method) {
        return new AmqpMethodFrame(1, method);
    }

    private static AmqpContentHeaderFrame header(int classId, long bodySize) {
        return new AmqpContentHeaderFrame(1, classId, bodySize, PROPERTIES, PROPERTIES.encode());
    }

    private static AmqpContentBodyFrame body(String text) {
        return new AmqpContentBodyFrame(1, Unpooled.copiedBuffer(utf8(text)));
    }

    @Test
    void methodWithoutContentIsACommandAtOnce() {
        AmqpQueueDeclare declare = new AmqpQueueDeclare("q", false, true, false, false, false, Map.of());
        assertThat(assembler.accept(method(declare))).isEqualTo(AmqpCommand.of(1, declare));
        assertThat(assembler.idle()).isTrue();
        assertThat(AmqpCommand.of(1, declare).hasContent()).isFalse();
    }

    @Test
    void publishHeaderAndBodiesMakeOneCommand() {
        assertThat(assembler.accept(method(PUBLISH))).isNull();
        assertThat(assembler.idle()).isFalse();
        assertThat(assembler.accept(header(60, 11))).isNull();
        AmqpContentBodyFrame first = body("hello ");
        assertThat(assembler.accept(first)).isNull();
        assertThat(first.payload().refCnt()).as("the assembler only reads; the caller releases").isOne();
        AmqpCommand command = assembler.accept(body("world"));
        assertThat(command).isEqualTo(new AmqpCommand(1, PUBLISH, PROPERTIES, PROPERTIES.encode(), utf8("hello world")));
        assertThat(command.hasContent()).isTrue();
        assertThat(assembler.idle()).isTrue();
        // and the next one starts clean
        assertThat(assembler.accept(method(new AmqpBasicAck(1, false)))).isNotNull();
    }

    @Test
    void emptyBodyCompletesRightAfterTheHeader() {
        assembler.accept(method(PUBLISH));
        assertThat(assembler.accept(header(60, 0))).isEqualTo(
                new AmqpCommand(1, PUBLISH, PROPERTIES, PROPERTIES.encode(), new byte[0]));
    }

    @Test
    void heartbeatsAreIgnoredEvenMidCommand() {
        assembler.accept(method(PUBLISH));
        assertThat(assembler.accept(new AmqpHeartbeatFrame(0))).isNull();
        assembler.accept(header(60, 1));
        assertThat(assembler.accept(new AmqpHeartbeatFrame(0))).isNull();
        assertThat(assembler.accept(body("x"))).isNotNull();
    }

    @Test
    void headerWithoutAMethodBeforeIt() {
        assertUnexpected(() -> assembler.accept(header(60, 5)),
                "expected method frame, got non method frame instead", 0, 0);
    }

    @Test
    void bodyWithoutAHeader() {
        AmqpContentBodyFrame body = body("hello");
        assertUnexpected(() -> assembler.accept(body), "expected method frame, got non method frame instead", 0, 0);
        assertThat(body.payload().refCnt()).as("the assembler only reads; the caller releases").isOne();
    }

    @Test
    void bodyOrMethodWhereTheHeaderShouldBe() {
        assembler.accept(method(PUBLISH));
        AmqpContentBodyFrame body = body("hello");
        assertUnexpected(() -> assembler.accept(body),
                "expected content header for class 60, got non content header frame instead", 60, 40);
        assertThat(body.payload().refCnt()).as("the assembler only reads; the caller releases").isOne();

        AmqpCommandAssembler other = new AmqpCommandAssembler(1000);
        other.accept(method(PUBLISH));
        assertUnexpected(() -> other.accept(method(new AmqpBasicAck(1, false))),
                "expected content header for class 60, got non content header frame instead", 60, 40);
    }

    @Test
    void headerOfAnotherClass() {
        assembler.accept(method(PUBLISH));
        assertUnexpected(() -> assembler.accept(header(50, 5)),
                "expected content header for class 60, got one for class 50 instead", 60, 40);
    }

    @Test
    void methodOrHeaderWhileBodyExpected() {
        assembler.accept(method(PUBLISH));
        assembler.accept(header(60, 5));
        assertUnexpected(() -> assembler.accept(method(new AmqpBasicAck(1, false))),
                "expected content body, got non content body frame instead", 60, 40);
        AmqpCommandAssembler other = new AmqpCommandAssembler(1000);
        other.accept(method(PUBLISH));
        other.accept(header(60, 5));
        assertUnexpected(() -> other.accept(header(60, 5)),
                "expected content body, got non content body frame instead", 60, 40);
    }

    @Test
    void bodyLargerThanTheHeaderSays() {
        assembler.accept(method(PUBLISH));
        assembler.accept(header(60, 3));
        AmqpContentBodyFrame body = body("hello");
        assertThatThrownBy(() -> assembler.accept(body)).isInstanceOfSatisfying(AmqpException.class, e -> {
            assertThat(e.replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
            assertThat(e.classId()).isEqualTo(60);
            assertThat(e.methodId()).isEqualTo(40);
        });
        assertThat(body.payload().refCnt()).as("the assembler only reads; the caller releases").isOne();
    }

    @Test
    void messageOverMaxSizeIsDroppedThenPreconditionFailed() {
        AmqpCommandAssembler small = new AmqpCommandAssembler(10);
        small.accept(method(PUBLISH));
        assertThat(small.accept(header(60, 11))).isNull(); // RabbitMQ says nothing until the body is in
        AmqpContentBodyFrame first = body("hello ");
        assertThat(small.accept(first)).isNull();
        assertThat(first.payload().refCnt()).as("the assembler only reads; the caller releases").isOne();
        assertThatThrownBy(() -> small.accept(body("world"))).isInstanceOfSatisfying(AmqpException.class, e -> {
            assertThat(e.replyCode()).isEqualTo(ReplyCode.PRECONDITION_FAILED);
            assertThat(e.closesConnection()).isFalse();
            assertThat(e.getMessage()).isEqualTo("message size 11 is larger than configured max size 10");
            assertThat(e.replyText()).startsWith("PRECONDITION_FAILED - message size 11");
            assertThat(e.classId()).isEqualTo(60);
            assertThat(e.methodId()).isEqualTo(40);
        });
        assertThat(small.idle()).isTrue();
        // a message at the limit still passes
        small.accept(method(PUBLISH));
        small.accept(header(60, 10));
        assertThat(small.accept(body("0123456789")).body()).hasSize(10);
    }

    @Test
    void largeBodyInManySmallFramesIsCopiedIntoOneExactArray() {
        AmqpCommandAssembler large = new AmqpCommandAssembler(10_000_000);
        large.accept(method(PUBLISH));
        large.accept(header(60, 1_000_003));
        byte[] expected = new byte[1_000_003];
        new java.util.Random(5).nextBytes(expected);
        AmqpCommand command = null;
        for (int offset = 0; offset < expected.length; offset += 4088) {
            int length = Math.min(4088, expected.length - offset);
            command = large.accept(new AmqpContentBodyFrame(1, Unpooled.wrappedBuffer(expected, offset, length)));
        }
        assertThat(command.body()).isEqualTo(expected);
    }

    @Test
    void badFrameBecomesTheException() {
        assertThatThrownBy(() -> assembler.accept(new AmqpBadFrame(ReplyCode.FRAME_ERROR, "cannot decode <<>>", 1, 60, 80)))
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.FRAME_ERROR);
                    assertThat(e.classId()).isEqualTo(60);
                });
    }

    @Test
    void worksOnDecodedFramesFromTheWire() {
        ByteBuf wire = Unpooled.buffer();
        AmqpFrameWriter.writeCommand(wire, 1, PUBLISH, PROPERTIES.encode(), utf8("payload"), 10);
        var channel = AmqpCodecTestSupport.decoderChannel(10 + 12 + 8);
        channel.writeInbound(wire);
        AmqpCommand command = null;
        for (Object frame : AmqpCodecTestSupport.drain(channel)) {
            command = assembler.accept((AmqpFrame) frame);
            io.netty.util.ReferenceCountUtil.release(frame); // the connection's part
        }
        assertThat(command).isEqualTo(new AmqpCommand(1, PUBLISH, PROPERTIES, PROPERTIES.encode(), utf8("payload")));
        assertThat(wire.refCnt()).isZero();
    }

    private static void assertUnexpected(Runnable action, String text, int classId, int methodId) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(AmqpException.class, e -> {
            assertThat(e.replyCode()).isEqualTo(ReplyCode.UNEXPECTED_FRAME);
            assertThat(e.getMessage()).isEqualTo(text);
            assertThat(e.classId()).isEqualTo(classId);
            assertThat(e.methodId()).isEqualTo(methodId);
            assertThat(e.closesConnection()).isTrue();
        });
    }
}
