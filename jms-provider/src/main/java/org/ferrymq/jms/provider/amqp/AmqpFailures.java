package org.ferrymq.jms.provider.amqp;

import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;

import org.ferrymq.jms.provider.ProviderException;

/** Turns RabbitMQ client exceptions into {@link ProviderException}s carrying the AMQP reply code. */
final class AmqpFailures {
    private AmqpFailures() {
    }

    static ProviderException translate(String doing, Throwable failure) {
        if (failure instanceof ProviderException p) {
            return p;
        }
        if (failure instanceof AuthenticationFailureException || failure instanceof PossibleAuthenticationFailureException) {
            return new ProviderException(ProviderException.AUTHENTICATION_FAILED,
                    doing + ": login refused: " + failure.getMessage(), true, failure);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal) {
                return fromSignal(doing, signal);
            }
        }
        if (failure instanceof TimeoutException) {
            return new ProviderException(doing + ": timed out", failure);
        }
        return new ProviderException(doing + ": " + failure, failure);
    }

    static ProviderException fromSignal(String doing, ShutdownSignalException signal) {
        Method reason = signal.getReason();
        if (reason instanceof AMQP.Channel.Close close) {
            return new ProviderException(close.getReplyCode(), doing + ": " + close.getReplyText(), false, signal);
        }
        if (reason instanceof AMQP.Connection.Close close) {
            return new ProviderException(close.getReplyCode(), doing + ": " + close.getReplyText(), true, signal);
        }
        return new ProviderException(ProviderException.NO_REPLY_CODE, doing + ": " + signal.getMessage(), signal.isHardError(), signal);
    }

    /** True if the failure is the broker saying 404 NOT_FOUND. */
    static boolean isNotFound(Throwable failure) {
        return translate("", failure).replyCode() == AMQP.NOT_FOUND;
    }
}
