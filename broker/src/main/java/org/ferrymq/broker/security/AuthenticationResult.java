package org.ferrymq.broker.security;

import java.util.Objects;

/**
 * The outcome of {@link UserDirectory#authenticate}: a {@link Success} carrying the user, or a
 * {@link Failure} saying why, in words for the operator's log.
 *
 * <p>The client is told less than the log: like RabbitMQ, every failure is reported to it with
 * the same {@link #clientText(String)} so that a client cannot probe which user names exist.
 */
public sealed interface AuthenticationResult {

    /** Why a login was refused. */
    enum Reason {
        /** No user with that name. Logged as RabbitMQ logs it: invalid credentials. */
        UNKNOWN_USER,
        /** The password does not match the user's hash (or the user has no password). */
        WRONG_PASSWORD,
        /** The user is in {@code loopback_users} and connected from a non-loopback address. */
        LOOPBACK_ONLY
    }

    boolean succeeded();

    record Success(AuthenticatedUser user) implements AuthenticationResult {
        public Success {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public boolean succeeded() {
            return true;
        }
    }

    record Failure(String username, Reason reason) implements AuthenticationResult {
        public Failure {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        /**
         * The reason for the broker log, worded as RabbitMQ words it (its log line is
         * {@code "PLAIN login refused: " + logText()}), with the detail RabbitMQ keeps to itself
         * in brackets: {@code user 'bob' - invalid credentials (wrong password)},
         * {@code user 'guest' can only connect via localhost}.
         */
        public String logText() {
            return switch (reason) {
                case UNKNOWN_USER -> "user '" + username + "' - invalid credentials (no such user)";
                case WRONG_PASSWORD -> "user '" + username + "' - invalid credentials (wrong password)";
                case LOOPBACK_ONLY -> "user '" + username + "' can only connect via localhost";
            };
        }
    }

    /**
     * The text of the ACCESS_REFUSED {@code connection.close} a client gets for any failed login
     * (RabbitMQ sends it to clients announcing the {@code authentication_failure_close}
     * capability; the others just see the socket closed), e.g. for {@code PLAIN}:
     * {@code Login was refused using authentication mechanism PLAIN. For details see the broker logfile.}
     */
    static String clientText(String mechanism) {
        return "Login was refused using authentication mechanism " + mechanism
                + ". For details see the broker logfile.";
    }
}
