package org.ferrymq.broker.errors;

/**
 * An AMQP error raised anywhere in the broker. Code deep inside throws it with the reply
 * code and text; the channel or connection handler that runs the offending method fills in
 * its class and method ids ({@link #withMethod}) and turns it into {@code channel.close} or
 * {@code connection.close}, depending on {@link ReplyCode#scope()}.
 */
public class AmqpException extends RuntimeException {
    private final ReplyCode replyCode;
    private final int classId;
    private final int methodId;

    public AmqpException(ReplyCode replyCode, String text) {
        this(replyCode, text, 0, 0);
    }

    public AmqpException(ReplyCode replyCode, String text, int classId, int methodId) {
        super(text, null, false, false); // control flow for protocol errors: no stack trace
        this.replyCode = replyCode;
        this.classId = classId;
        this.methodId = methodId;
    }

    public ReplyCode replyCode() {
        return replyCode;
    }

    /**
     * The reply text sent to the client, prefixed with the code name as RabbitMQ does, and cut to
     * the 255 bytes a short string can carry (queue names alone may be that long).
     */
    public String replyText() {
        return truncateUtf8(replyCode.amqpName() + " - " + getMessage(), 255);
    }

    static String truncateUtf8(String text, int maxBytes) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int end = maxBytes - 3; // room for "...", as RabbitMQ marks a cut text
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character in half
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8) + "...";
    }

    public int classId() {
        return classId;
    }

    public int methodId() {
        return methodId;
    }

    public boolean closesConnection() {
        return replyCode.closesConnection();
    }

    /** The same error attributed to the method being processed, unless already attributed. */
    public AmqpException withMethod(int classId, int methodId) {
        if (this.classId != 0 || this.methodId != 0) {
            return this;
        }
        return new AmqpException(replyCode, getMessage(), classId, methodId);
    }

    public static AmqpException notFound(String text) {
        return new AmqpException(ReplyCode.NOT_FOUND, text);
    }

    public static AmqpException preconditionFailed(String text) {
        return new AmqpException(ReplyCode.PRECONDITION_FAILED, text);
    }

    public static AmqpException resourceLocked(String text) {
        return new AmqpException(ReplyCode.RESOURCE_LOCKED, text);
    }

    public static AmqpException accessRefused(String text) {
        return new AmqpException(ReplyCode.ACCESS_REFUSED, text);
    }

    public static AmqpException commandInvalid(String text) {
        return new AmqpException(ReplyCode.COMMAND_INVALID, text);
    }

    public static AmqpException notAllowed(String text) {
        return new AmqpException(ReplyCode.NOT_ALLOWED, text);
    }
}
