package org.ferrymq.jms.provider.vm;

import org.ferrymq.broker.amqp.codec.AmqpChannelClose;
import org.ferrymq.broker.amqp.codec.AmqpConnectionClose;
import org.ferrymq.jms.provider.ProviderException;

/**
 * Turns the broker's channel.close / connection.close into {@link ProviderException}s carrying
 * the reply code, as the amqp:// transport does, so {@code JmsExceptions} maps both alike.
 */
final class VmFailures {
    /** AMQP 403 ACCESS_REFUSED: during the handshake it means the login was refused. */
    static final int ACCESS_REFUSED = 403;

    private VmFailures() {
    }

    static ProviderException channelClosed(AmqpChannelClose close) {
        return new ProviderException(close.replyCode(), close.replyText(), false, null);
    }

    static ProviderException connectionClosed(AmqpConnectionClose close, boolean duringHandshake) {
        if (duringHandshake && close.replyCode() == ACCESS_REFUSED) {
            return new ProviderException(ProviderException.AUTHENTICATION_FAILED, "login refused: " + close.replyText(), true, null);
        }
        return new ProviderException(close.replyCode(), close.replyText(), true, null);
    }

    /** The same failure, prefixed with what the caller was doing (keeps code and level). */
    static ProviderException during(String doing, Throwable failure) {
        if (failure instanceof ProviderException p) {
            return new ProviderException(p.replyCode(), doing + ": " + p.getMessage(), p.connectionLevel(), p);
        }
        return new ProviderException(doing + ": " + failure, failure);
    }
}
