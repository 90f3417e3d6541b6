package org.ferrymq.broker.errors;

/**
 * AMQP 0-9-1 reply codes (spec section 1.2, "constants") and whether each one closes
 * the channel (soft) or the whole connection (hard).
 */
public enum ReplyCode {
    SUCCESS(200, Scope.NONE),
    CONTENT_TOO_LARGE(311, Scope.CHANNEL),
    NO_ROUTE(312, Scope.CHANNEL),
    NO_CONSUMERS(313, Scope.CHANNEL),
    CONNECTION_FORCED(320, Scope.CONNECTION),
    INVALID_PATH(402, Scope.CONNECTION),
    ACCESS_REFUSED(403, Scope.CHANNEL),
    NOT_FOUND(404, Scope.CHANNEL),
    RESOURCE_LOCKED(405, Scope.CHANNEL),
    PRECONDITION_FAILED(406, Scope.CHANNEL),
    FRAME_ERROR(501, Scope.CONNECTION),
    SYNTAX_ERROR(502, Scope.CONNECTION),
    COMMAND_INVALID(503, Scope.CONNECTION),
    CHANNEL_ERROR(504, Scope.CONNECTION),
    UNEXPECTED_FRAME(505, Scope.CONNECTION),
    RESOURCE_ERROR(506, Scope.CONNECTION),
    NOT_ALLOWED(530, Scope.CONNECTION),
    NOT_IMPLEMENTED(540, Scope.CONNECTION),
    INTERNAL_ERROR(541, Scope.CONNECTION);

    /** What an error with this code closes. */
    public enum Scope { NONE, CHANNEL, CONNECTION }

    private final int code;
    private final Scope scope;

    ReplyCode(int code, Scope scope) {
        this.code = code;
        this.scope = scope;
    }

    public int code() {
        return code;
    }

    public Scope scope() {
        return scope;
    }

    public boolean closesConnection() {
        return scope == Scope.CONNECTION;
    }

    /** The spec's name, as RabbitMQ prints it in reply texts: {@code NOT_FOUND}. */
    public String amqpName() {
        return name();
    }

    public static ReplyCode of(int code) {
        for (ReplyCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown AMQP reply code " + code);
    }
}
