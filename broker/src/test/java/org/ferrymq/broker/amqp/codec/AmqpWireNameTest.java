package org.ferrymq.broker.amqp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;

/** {@link AmqpWire#readName}: the ASCII fast path and the strict UTF-8 path read the same names. */
class AmqpWireNameTest {

    private static ByteBuf shortString(byte[] bytes) {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(bytes.length);
        buf.writeBytes(bytes);
        buf.writeByte(0x7f); // what follows the name must stay unread
        return buf;
    }

    private static void assertReads(byte[] bytes, String expected) {
        ByteBuf buf = shortString(bytes);
        assertThat(AmqpWire.readName(buf)).isEqualTo(expected);
        assertThat(buf.readableBytes()).as("only the name was consumed").isEqualTo(1);
        assertThat(buf.readByte()).isEqualTo((byte) 0x7f);
    }

    @Test
    void readsTheEmptyNameOfTheDefaultExchange() {
        assertReads(new byte[0], "");
    }

    @Test
    void readsAnAsciiName() {
        assertReads("amq.direct-queue_1.x".getBytes(StandardCharsets.US_ASCII), "amq.direct-queue_1.x");
    }

    @Test
    void readsAWellFormedUtf8Name() {
        assertReads("café-ü-€".getBytes(StandardCharsets.UTF_8), "café-ü-€");
    }

    @Test
    void refusesMalformedUtf8AsAFrameError() {
        ByteBuf buf = shortString(new byte[] {'a', (byte) 0xc3, 'b'});
        assertThatThrownBy(() -> AmqpWire.readName(buf))
                .isInstanceOfSatisfying(AmqpException.class, e -> assertThat(e.replyCode()).isEqualTo(ReplyCode.FRAME_ERROR))
                .hasMessageContaining("Malformed UTF-8 in shortstr");
    }

    @Test
    void aLengthPastTheEndIsTruncatedInput() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(10);
        buf.writeBytes(new byte[] {'a', 'b'});
        assertThatThrownBy(() -> AmqpWire.readName(buf)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
