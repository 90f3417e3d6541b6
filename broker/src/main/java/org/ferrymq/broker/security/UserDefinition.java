package org.ferrymq.broker.security;

import java.util.Set;

/**
 * A user as configured: name, password hash in RabbitMQ's {@code rabbit_password_hashing_sha256}
 * format (base64 of a 4-byte salt followed by SHA-256(salt + password)), and tags such as
 * {@code administrator}.
 */
public record UserDefinition(String name, String passwordHash, Set<String> tags) {
    public UserDefinition {
        tags = Set.copyOf(tags);
    }
}
