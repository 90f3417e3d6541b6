package org.ferrymq.console;

/** An HTTP error with RabbitMQ's error body: {@code {"error": ..., "reason": ...}}. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String error;

    ApiException(int status, String error, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(400, "bad_request", reason);
    }

    static ApiException notFound(String reason) {
        return new ApiException(404, "Object Not Found", reason);
    }

    static ApiException forbidden(String reason) {
        return new ApiException(403, "not_authorised", reason);
    }
}
