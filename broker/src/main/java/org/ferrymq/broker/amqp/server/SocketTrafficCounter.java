package org.ferrymq.broker.amqp.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import org.ferrymq.broker.management.TrafficCounters;

/**
 * First handler of a socket's pipeline ({@value AmqpServer#TRAFFIC}): counts the octets read
 * from and written to the socket, before TLS decrypts or after it encrypts, as RabbitMQ's
 * {@code recv_oct}/{@code send_oct} count what crosses the socket. Each read buffer is one socket
 * read ({@code recv_cnt}); each flush that carries bytes is one socket write ({@code send_cnt}).
 * Costs a few plain increments per read and write: no allocation, no lock.
 *
 * <p>Threading: owned by the socket's event loop, the single writer of its {@link TrafficCounters}.
 */
final class SocketTrafficCounter extends ChannelDuplexHandler {
    private final TrafficCounters counters;

    SocketTrafficCounter(TrafficCounters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            counters.received(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            counters.sent(buf.readableBytes());
        } else if (msg instanceof ByteBufHolder holder) {
            counters.sent(holder.content().readableBytes());
        }
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        counters.flushed();
        ctx.flush();
    }
}
