package org.ferrymq.broker.management;

import java.util.Set;

/** A user: its password hash is RabbitMQ's {@code rabbit_password_hashing_sha256} format. */
public record UserView(String name, String passwordHash, Set<String> tags) {
    public UserView {
        tags = Set.copyOf(tags);
    }

    public static final String HASHING_ALGORITHM = "rabbit_password_hashing_sha256";
}
