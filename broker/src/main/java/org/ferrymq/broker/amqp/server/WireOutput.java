package org.ferrymq.broker.amqp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

import org.ferrymq.broker.amqp.codec.AmqpFrameWriter;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.model.Message;

/**
 * A socket connection's output: frames are appended to one buffer and written to the socket on
 * {@link #flush()}, so a burst of deliveries, acks and replies leaves in a few large writes
 * instead of one syscall each.
 *
 * <p>A buffer handed to the socket is Netty's from then on (it releases it, also when the write
 * fails), so it is detached from this object before {@code ctx.write}: a write that fails at once
 * fires {@code exceptionCaught} inside that call, and the connection's close path then flushes or
 * discards this output again, which must not see the same buffer a second time.
 *
 * <p>Owned by the connection's event loop.
 */
final class WireOutput implements ConnectionOutput {
    private static final int INITIAL_BUFFER = 16 * 1024;
    /** Hand a buffer to the socket once it is this large, flushed or not. */
    private static final int SPILL_AT = 256 * 1024;

    private final ChannelHandlerContext ctx;
    private ByteBuf buffer;
    private boolean unflushed;
    private int frameMax;

    WireOutput(ChannelHandlerContext ctx, int frameMax) {
        this.ctx = ctx;
        this.frameMax = frameMax;
    }

    @Override
    public void frameMax(int frameMax) {
        this.frameMax = frameMax;
    }

    @Override
    public void method(int channel, AmqpMethod method) {
        AmqpFrameWriter.writeMethod(buffer(), channel, method);
        spillIfLarge();
    }

    @Override
    public void methodWithContent(int channel, AmqpMethod method, Message message) {
        ByteBuf out = buffer();
        AmqpFrameWriter.writeMethod(out, channel, method);
        AmqpFrameWriter.writeContent(out, channel, 60, message.rawProperties(), message.body(), frameMax);
        spillIfLarge();
    }

    @Override
    public void heartbeat() {
        AmqpFrameWriter.writeHeartbeat(buffer());
    }

    @Override
    public void raw(byte[] bytes) {
        buffer().writeBytes(bytes);
    }

    @Override
    public void flush() {
        if (buffer != null && buffer.isReadable()) {
            write();
        }
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** Hands the buffer to the socket, detached first (see the class comment). */
    private void write() {
        ByteBuf out = buffer;
        buffer = null;
        unflushed = true;
        ctx.write(out, ctx.voidPromise());
    }

    @Override
    public void discard() {
        ByteBuf dropped = buffer;
        buffer = null;
        if (dropped != null) {
            dropped.release();
        }
    }

    private ByteBuf buffer() {
        if (buffer == null) {
            buffer = ctx.alloc().directBuffer(INITIAL_BUFFER);
        }
        return buffer;
    }

    private void spillIfLarge() {
        if (buffer != null && buffer.readableBytes() >= SPILL_AT) {
            write();
        }
    }
}
