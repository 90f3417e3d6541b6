package org.ferrymq.jms;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

import org.ferrymq.jms.provider.ProviderException;

/**
 * The one place broker failures become JMS exceptions (ARCHITECTURE.md convention 3), and the
 * one place a JMSException becomes the matching JMSRuntimeException for the simplified API.
 * The AMQP reply code travels in {@link JMSException#getErrorCode()} as text ("404").
 */
public final class JmsExceptions {
    private JmsExceptions() {
    }

    /** The JMSException for a transport failure, by AMQP reply code (spec section 1.2). */
    public static JMSException from(ProviderException failure) {
        int code = failure.replyCode();
        String text = failure.getMessage();
        String errorCode = code == ProviderException.NO_REPLY_CODE ? null : Integer.toString(Math.abs(code));
        JMSException e = switch (code) {
            case 404, 312 -> new InvalidDestinationException(text, errorCode);      // NOT_FOUND, NO_ROUTE (a returned send)
            case 403, 530, ProviderException.AUTHENTICATION_FAILED ->               // ACCESS_REFUSED, NOT_ALLOWED
                    new JMSSecurityException(text, errorCode);
            // the broker evaluates selectors too, and refuses one it cannot parse with 406 "invalid selector"
            case 406 -> text != null && text.contains("invalid selector")
                    ? new InvalidSelectorException(text, errorCode) : new IllegalStateException(text, errorCode);
            case 405 -> new IllegalStateException(text, errorCode);                 // RESOURCE_LOCKED
            case 311, 506 -> new ResourceAllocationException(text, errorCode);      // CONTENT_TOO_LARGE, RESOURCE_ERROR
            default -> new JMSException(text, errorCode);
        };
        e.setLinkedException(failure);
        e.initCause(failure);
        return e;
    }

    /** A JMSException for any other failure, keeping the cause. */
    public static JMSException wrap(String message, Throwable cause) {
        if (cause instanceof JMSException j) {
            return j;
        }
        if (cause instanceof ProviderException p) {
            return from(p);
        }
        JMSException e = new JMSException(message + ": " + cause);
        if (cause instanceof Exception ex) {
            e.setLinkedException(ex);
        }
        e.initCause(cause);
        return e;
    }

    /** The matching JMSRuntimeException (spec section 7.3 lists the pairs). */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String m = e.getMessage();
        String c = e.getErrorCode();
        JMSRuntimeException r;
        if (e instanceof IllegalStateException) {
            r = new IllegalStateRuntimeException(m, c, e);
        } else if (e instanceof InvalidClientIDException) {
            r = new InvalidClientIDRuntimeException(m, c, e);
        } else if (e instanceof InvalidDestinationException) {
            r = new InvalidDestinationRuntimeException(m, c, e);
        } else if (e instanceof InvalidSelectorException) {
            r = new InvalidSelectorRuntimeException(m, c, e);
        } else if (e instanceof JMSSecurityException) {
            r = new JMSSecurityRuntimeException(m, c, e);
        } else if (e instanceof MessageFormatException) {
            r = new MessageFormatRuntimeException(m, c, e);
        } else if (e instanceof MessageNotWriteableException) {
            r = new MessageNotWriteableRuntimeException(m, c, e);
        } else if (e instanceof ResourceAllocationException) {
            r = new ResourceAllocationRuntimeException(m, c, e);
        } else if (e instanceof TransactionInProgressException) {
            r = new TransactionInProgressRuntimeException(m, c, e);
        } else if (e instanceof TransactionRolledBackException) {
            r = new TransactionRolledBackRuntimeException(m, c, e);
        } else {
            r = new JMSRuntimeException(m, c, e);
        }
        return r;
    }

    /** A call that may throw JMSException, for {@link #unchecked}. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** Runs a classic-API call for the simplified API, converting its exception. */
    public static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }
}
