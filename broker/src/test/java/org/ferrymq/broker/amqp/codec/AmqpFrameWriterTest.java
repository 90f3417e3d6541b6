package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.bytesOf;
import static org.ferrymq.broker.amqp.codec.AmqpCodecTestSupport.hex;

@Timeout(10)
class AmqpFrameWriterTest {

    @Test
    void protocolHeaderAndHeartbeatBytes() {
        assertThat(AmqpFrameWriter.PROTOCOL_HEADER).isEqualTo(hex("414d515000000901"));
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeHeartbeat(buf);
        assertThat(bytesOf(buf)).isEqualTo(hex("08 0000 00000000 ce"));
    }

    @Test
    void methodFrameBytes() {
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeMethod(buf, 5, new AmqpBasicAck(258, true));
        assertThat(bytesOf(buf)).isEqualTo(hex("01 0005 0000000d 003c 0050 0000000000000102 01 ce"));
    }

    @Test
    void contentIsSplitSoNoFrameExceedsFrameMax() {
        byte[] body = new byte[10_000];
        byte[] raw = AmqpBasicProperties.EMPTY.withPriority(3).encode();
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeContent(buf, 9, 60, raw, body, 4096);
        assertThat(buf.readableBytes()).isEqualTo(AmqpFrameWriter.contentSize(raw.length, body.length, 4096));

        List<Integer> frameSizes = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        while (buf.isReadable()) {
            types.add((int) buf.readUnsignedByte());
            assertThat(buf.readUnsignedShort()).isEqualTo(9);
            int size = buf.readInt();
            buf.skipBytes(size);
            assertThat(buf.readUnsignedByte()).isEqualTo((short) 0xCE);
            frameSizes.add(size + 8);
        }
        buf.release();
        assertThat(types).containsExactly(2, 3, 3, 3);
        assertThat(frameSizes).allMatch(size -> size <= 4096);
        assertThat(frameSizes.subList(1, 4)).containsExactly(4096, 4096, 1824 + 8);
    }

    @Test
    void unlimitedFrameMaxGivesOneBodyFrameAndEmptyBodyNone() {
        ByteBuf buf = Unpooled.buffer();
        AmqpFrameWriter.writeContent(buf, 1, 60, new byte[2], new byte[100_000], 0);
        assertThat(buf.readableBytes()).isEqualTo(8 + 14 + 8 + 100_000);
        buf.release();
        buf = Unpooled.buffer();
        AmqpFrameWriter.writeContent(buf, 1, 60, new byte[2], new byte[0], 4096);
        assertThat(bytesOf(buf)).isEqualTo(hex("02 0001 0000000e 003c 0000 0000000000000000 0000 ce"));
    }

    @Test
    void contentFromPropertiesEqualsContentFromRawProperties() {
        AmqpBasicProperties properties = AmqpBasicPropertiesTest.ALL;
        byte[] body = "x".repeat(5000).getBytes();
        ByteBuf a = Unpooled.buffer();
        AmqpFrameWriter.writeContent(a, 2, properties, body, 4096);
        ByteBuf b = Unpooled.buffer();
        AmqpFrameWriter.writeContent(b, 2, 60, properties.encode(), body, 4096);
        assertThat(bytesOf(a)).isEqualTo(bytesOf(b));
    }

    @Test
    void commandIsMethodThenContent() {
        AmqpBasicDeliver deliver = new AmqpBasicDeliver("ctag", 1, false, "", "q");
        ByteBuf a = Unpooled.buffer();
        AmqpFrameWriter.writeCommand(a, 1, deliver, new byte[2], new byte[] {1}, 0);
        ByteBuf b = Unpooled.buffer();
        AmqpFrameWriter.writeMethod(b, 1, deliver);
        AmqpFrameWriter.writeContent(b, 1, 60, new byte[2], new byte[] {1}, 0);
        assertThat(bytesOf(a)).isEqualTo(bytesOf(b));
    }

    @Test
    void frameMaxTooSmallForAnyBodyIsRejected() {
        assertThatThrownBy(() -> AmqpFrameWriter.writeContent(Unpooled.buffer(), 1, 60, new byte[2], new byte[1], 8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
