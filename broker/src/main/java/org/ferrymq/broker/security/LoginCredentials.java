package org.ferrymq.broker.security;

import java.util.Objects;

/** A user name and password taken from a {@code connection.start-ok} response. */
public record LoginCredentials(String username, String password) {
    public LoginCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Never shows the password, so that credentials cannot leak into a log by accident. */
    @Override
    public String toString() {
        return "LoginCredentials[username=" + username + ", password=***]";
    }
}
