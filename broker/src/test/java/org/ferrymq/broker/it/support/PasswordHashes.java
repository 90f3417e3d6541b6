package org.ferrymq.broker.it.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashes in RabbitMQ's {@code rabbit_password_hashing_sha256} format, computed
 * independently of the broker so that a test proves the broker reads the format RabbitMQ writes:
 * base64(salt ++ SHA-256(salt ++ password)) with a 4-byte random salt.
 */
public final class PasswordHashes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    public static String sha256(String password) {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            byte[] hash = digest.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[salt.length + hash.length];
            System.arraycopy(salt, 0, out, 0, salt.length);
            System.arraycopy(hash, 0, out, salt.length, hash.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
