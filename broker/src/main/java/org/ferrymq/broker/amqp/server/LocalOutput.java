package org.ferrymq.broker.amqp.server;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandlerContext;

import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.model.Message;

/**
 * An in-process connection's output: commands are handed to the client as objects, messages by
 * reference (no encoding, no copy), one list per flush.
 *
 * <p>Owned by the connection's event loop.
 */
final class LocalOutput implements ConnectionOutput {
    private final ChannelHandlerContext ctx;
    private List<AmqpCommand> batch = new ArrayList<>();

    LocalOutput(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void frameMax(int frameMax) {
        // objects are not split into frames
    }

    @Override
    public void method(int channel, AmqpMethod method) {
        batch.add(AmqpCommand.of(channel, method));
    }

    @Override
    public void methodWithContent(int channel, AmqpMethod method, Message message) {
        batch.add(new AmqpCommand(channel, method, message.properties(), message.rawProperties(), message.body()));
    }

    @Override
    public void heartbeat() {
        // in-process peers do not miss heartbeats
    }

    @Override
    public void raw(byte[] bytes) {
        // only sent for a bad protocol header, which an in-process client never sends
    }

    @Override
    public void flush() {
        if (!batch.isEmpty()) {
            ctx.writeAndFlush(batch, ctx.voidPromise());
            batch = new ArrayList<>();
        }
    }

    @Override
    public void discard() {
        batch.clear();
    }
}
