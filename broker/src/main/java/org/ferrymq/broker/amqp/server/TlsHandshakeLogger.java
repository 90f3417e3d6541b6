package org.ferrymq.broker.amqp.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a failed TLS handshake in one line (who, and why: no client certificate, an untrusted
 * one, a plain-AMQP client on the TLS port...) and closes the socket; the TLS handler has
 * already sent the client its alert. Removes itself once the handshake succeeded.
 */
final class TlsHandshakeLogger extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLogger.class);
    /** "AMQP" in hex, as Netty quotes the first bytes of a record that is not TLS. */
    private static final String AMQP_HEADER_HEX = "414d5150";

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                // stays in the pipeline to keep the same failure, raised again as an exception, out of the log
                LOG.warn("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), describe(done.cause()));
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    /** Before the handshake succeeded, an error is the handshake's: the completion event reports it, once. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("TLS error before the handshake completed with {}", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private static String describe(Throwable cause) {
        if (cause instanceof NotSslRecordException && String.valueOf(cause.getMessage()).contains(AMQP_HEADER_HEX)) {
            return "the client spoke plain AMQP to the TLS port (use the amqp port, or amqps:// in the client)";
        }
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
