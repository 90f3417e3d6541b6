package org.ferrymq.jms.provider;

/**
 * A failure reported by a transport, carrying the AMQP reply code when the broker sent one
 * (0 otherwise). {@code org.ferrymq.jms.JmsExceptions} turns it into the right JMSException.
 */
public class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Not an AMQP reply: an I/O failure, a timeout, a closed connection. */
    public static final int NO_REPLY_CODE = 0;
    /** Login refused (RabbitMQ sends no reply code for it: it closes the socket). */
    public static final int AUTHENTICATION_FAILED = -403;

    private final int replyCode;
    private final boolean connectionLevel;

    public ProviderException(int replyCode, String message, boolean connectionLevel, Throwable cause) {
        super(message, cause);
        this.replyCode = replyCode;
        this.connectionLevel = connectionLevel;
    }

    public ProviderException(String message, Throwable cause) {
        this(NO_REPLY_CODE, message, false, cause);
    }

    public int replyCode() {
        return replyCode;
    }

    /** True when the whole connection is gone, not just a channel. */
    public boolean connectionLevel() {
        return connectionLevel;
    }
}
