package org.ferrymq.broker.config;

/**
 * Limits on connections that have not completed the AMQP handshake (not logged in and opened a
 * vhost yet), so that clients without credentials cannot lock out everyone by holding sockets:
 * they draw from their own small budget, not from {@code connection_max}, and while that budget
 * is half used or more, new ones get a shorter handshake timeout.
 *
 * @param timeoutMillis            how long a connection may take from accept to connection.open-ok
 *                                 (RabbitMQ's {@code handshake_timeout}, 10 s)
 * @param unauthenticatedMax       most connections in the handshake at once; more are closed on accept
 * @param pressuredTimeoutMillis   the handshake timeout of connections accepted while half of
 *                                 {@code unauthenticatedMax} or more is in use by others
 */
public record HandshakeLimits(long timeoutMillis, int unauthenticatedMax, long pressuredTimeoutMillis) {
    public static final HandshakeLimits DEFAULTS = new HandshakeLimits(10_000, 128, 2_000);

    public HandshakeLimits {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("handshake timeout must be positive, got " + timeoutMillis);
        }
        if (unauthenticatedMax < 1) {
            throw new IllegalArgumentException("unauthenticated connection budget must be at least 1, got " + unauthenticatedMax);
        }
        if (pressuredTimeoutMillis < 1) {
            throw new IllegalArgumentException("handshake timeout under pressure must be positive, got " + pressuredTimeoutMillis);
        }
    }

    /** The handshake timeout for a connection accepted while {@code inHandshake} others are in theirs. */
    public long timeoutFor(int inHandshake) {
        return 2L * inHandshake >= unauthenticatedMax ? Math.min(timeoutMillis, pressuredTimeoutMillis) : timeoutMillis;
    }

    public HandshakeLimits withTimeoutMillis(long millis) {
        return new HandshakeLimits(millis, unauthenticatedMax, pressuredTimeoutMillis);
    }

    public HandshakeLimits withUnauthenticatedMax(int max) {
        return new HandshakeLimits(timeoutMillis, max, pressuredTimeoutMillis);
    }

    public HandshakeLimits withPressuredTimeoutMillis(long millis) {
        return new HandshakeLimits(timeoutMillis, unauthenticatedMax, millis);
    }
}
