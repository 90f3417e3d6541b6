package org.ferrymq.broker.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashes in RabbitMQ's format, so that {@code password_hash} values from
 * {@code rabbitmqctl export_definitions} work unchanged: base64 of a 4-byte random salt
 * followed by {@code SHA-256(salt ‖ UTF-8 password)} ({@code rabbit_password_hashing_sha256},
 * RabbitMQ's default since 3.6).
 *
 * <p>{@link #matches} also accepts {@code rabbit_password_hashing_sha512} hashes (4 + 64 bytes),
 * told apart by their length, because definitions exported from a RabbitMQ configured for
 * SHA-512 carry no other marker in the hash itself. Thread-safe.
 */
public final class PasswordHash {
    private static final int SALT_BYTES = 4;
    private static final int SHA256_BYTES = 32;
    private static final int SHA512_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new salted SHA-256 hash of {@code password}. */
    public static String create(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return create(password, salt);
    }

    /** The hash of {@code password} with a given salt; for tests and reproducible fixtures. */
    static String create(String password, byte[] salt) {
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("salt must be " + SALT_BYTES + " bytes");
        }
        byte[] digest = digest("SHA-256", salt, password);
        byte[] out = new byte[SALT_BYTES + digest.length];
        System.arraycopy(salt, 0, out, 0, SALT_BYTES);
        System.arraycopy(digest, 0, out, SALT_BYTES, digest.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /**
     * Whether {@code password} hashes to {@code hash}. A malformed or empty hash matches no
     * password (RabbitMQ: a user without a password cannot log in with one). The comparison
     * takes the same time wherever the first differing byte is.
     */
    public static boolean matches(String hash, String password) {
        if (hash == null || hash.isEmpty() || password == null) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(hash.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        String algorithm = switch (decoded.length - SALT_BYTES) {
            case SHA256_BYTES -> "SHA-256";
            case SHA512_BYTES -> "SHA-512";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        byte[] salt = new byte[SALT_BYTES];
        System.arraycopy(decoded, 0, salt, 0, SALT_BYTES);
        byte[] expected = new byte[decoded.length - SALT_BYTES];
        System.arraycopy(decoded, SALT_BYTES, expected, 0, expected.length);
        return MessageDigest.isEqual(expected, digest(algorithm, salt, password));
    }

    /** Whether {@code hash} has the shape of a hash {@link #matches} understands. */
    public static boolean isWellFormed(String hash) {
        try {
            int length = Base64.getDecoder().decode(hash.trim()).length - SALT_BYTES;
            return length == SHA256_BYTES || length == SHA512_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static byte[] digest(String algorithm, byte[] salt, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(salt);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
