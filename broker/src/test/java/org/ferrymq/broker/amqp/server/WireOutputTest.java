package org.ferrymq.broker.amqp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.ferrymq.broker.amqp.codec.AmqpBasicQosOk;
import org.junit.jupiter.api.Test;

/**
 * A write that fails at once fires exceptionCaught inside {@code ctx.write}; the connection's close
 * path then flushes and discards the output again. Each buffer must be released exactly once.
 */
class WireOutputTest {
    /** Fails every write at once, as a reset socket does (Netty releases the message). */
    static final class FailingWrites extends ChannelDuplexHandler {
        final List<ByteBuf> written = new ArrayList<>();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written.add((ByteBuf) msg);
            ((ByteBuf) msg).release();
            promise.setFailure(new IOException("Connection reset by peer"));
        }
    }

    /** Plays AmqpConnection's part: on an exception, flush and discard (closeAbruptly + shutdown). */
    static final class ClosesOnError extends ChannelInboundHandlerAdapter {
        WireOutput output;
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
            if (errors.size() == 1) {
                output.method(0, new AmqpBasicQosOk()); // the close path may still write a close frame
            }
            output.flush();
            output.discard();
        }
    }

    @Test
    void aBufferWhoseWriteFailsAtOnceIsReleasedOnce() {
        FailingWrites failing = new FailingWrites();
        ClosesOnError connection = new ClosesOnError();
        EmbeddedChannel channel = new EmbeddedChannel(failing, connection);
        ChannelHandlerContext ctx = channel.pipeline().context(connection);
        connection.output = new WireOutput(ctx, 131072);

        connection.output.method(1, new AmqpBasicQosOk());
        connection.output.flush();

        assertThat(connection.errors).hasSize(2).allMatch(e -> e instanceof IOException); // both writes failed
        assertThat(failing.written).hasSize(2).allMatch(buf -> buf.refCnt() == 0);
        channel.finishAndReleaseAll();
    }
}
