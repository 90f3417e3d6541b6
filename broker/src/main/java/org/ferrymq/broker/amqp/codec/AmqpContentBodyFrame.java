package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A content body frame (frame type 3, spec section 4.2.6.2). {@code payload} is a retained
 * slice of the decoder's input, and the frame is reference counted through it: whoever receives
 * the frame from the pipeline owns it and releases it once, on every path (the connection does,
 * with {@code ReferenceCountUtil.release}, whether the body was assembled, refused or dropped).
 * {@link AmqpCommandAssembler#accept} only reads it.
 */
public record AmqpContentBodyFrame(int channel, ByteBuf payload) implements AmqpFrame, ReferenceCounted {
    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public AmqpContentBodyFrame retain() {
        payload.retain();
        return this;
    }

    @Override
    public AmqpContentBodyFrame retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public AmqpContentBodyFrame touch() {
        payload.touch();
        return this;
    }

    @Override
    public AmqpContentBodyFrame touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }
}
