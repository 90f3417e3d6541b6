package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;

/**
 * A content body frame (frame type 3, spec section 4.2.6.2). {@code payload} is a retained
 * slice of the decoder's input: whoever receives this frame owns it and must release it
 * ({@link AmqpCommandAssembler#accept} does).
 */
public record AmqpContentBodyFrame(int channel, ByteBuf payload) implements AmqpFrame {
}
