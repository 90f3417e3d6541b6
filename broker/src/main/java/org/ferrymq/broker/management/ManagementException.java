package org.ferrymq.broker.management;

/**
 * A management request that cannot be done, with the kind of failure an HTTP layer maps to a
 * status code; the message is meant for the operator.
 */
public final class ManagementException extends RuntimeException {
    /** Why the request failed. */
    public enum Kind { NOT_FOUND, BAD_REQUEST, CONFLICT, FORBIDDEN }

    private final Kind kind;

    public ManagementException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ManagementException notFound(String what) {
        return new ManagementException(Kind.NOT_FOUND, what);
    }

    public static ManagementException badRequest(String what) {
        return new ManagementException(Kind.BAD_REQUEST, what);
    }
}
