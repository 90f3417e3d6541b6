package org.ferrymq.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.ferrymq.broker.config.BrokerConfig;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void rabbitMqDefaultGuestHashMatchesGuest() {
        assertThat(PasswordHash.matches(BrokerConfig.GUEST_PASSWORD_HASH, "guest")).isTrue();
        assertThat(PasswordHash.matches(BrokerConfig.GUEST_PASSWORD_HASH, "Guest")).isFalse();
        assertThat(PasswordHash.matches(BrokerConfig.GUEST_PASSWORD_HASH, "")).isFalse();
    }

    @Test
    void hashMadeByRabbitMqMatches() {
        // `rabbitmqctl add_user security-rmqhash rabbit-pw` on RabbitMQ 3.10, then export_definitions
        assertThat(PasswordHash.matches("T6UmT2h0BnktbcY+P917IphQyJ3fjSS+y9o+czqymL6ykv9J", "rabbit-pw")).isTrue();
        assertThat(PasswordHash.matches("T6UmT2h0BnktbcY+P917IphQyJ3fjSS+y9o+czqymL6ykv9J", "rabbit-px")).isFalse();
    }

    @Test
    void createdHashesMatchTheirPasswordOnly() {
        String hash = PasswordHash.create("s3cret é");
        assertThat(PasswordHash.matches(hash, "s3cret é")).isTrue();
        assertThat(PasswordHash.matches(hash, "s3cret e")).isFalse();
        assertThat(PasswordHash.isWellFormed(hash)).isTrue();
    }

    @Test
    void hashIsBase64OfFourByteSaltAndSha256() throws Exception {
        byte[] salt = {1, 2, 3, 4};
        byte[] decoded = Base64.getDecoder().decode(PasswordHash.create("pw", salt));
        assertThat(decoded).hasSize(36);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(salt);
        byte[] expected = md.digest("pw".getBytes(StandardCharsets.UTF_8));
        assertThat(java.util.Arrays.copyOfRange(decoded, 0, 4)).isEqualTo(salt);
        assertThat(java.util.Arrays.copyOfRange(decoded, 4, 36)).isEqualTo(expected);
    }

    @Test
    void saltIsRandomSoTwoHashesOfOnePasswordDiffer() {
        assertThat(PasswordHash.create("pw")).isNotEqualTo(PasswordHash.create("pw"));
    }

    @Test
    void sha512HashesFromRabbitMqAreAccepted() throws Exception {
        byte[] salt = {9, 8, 7, 6};
        MessageDigest md = MessageDigest.getInstance("SHA-512");
        md.update(salt);
        byte[] digest = md.digest("pw".getBytes(StandardCharsets.UTF_8));
        byte[] all = new byte[68];
        System.arraycopy(salt, 0, all, 0, 4);
        System.arraycopy(digest, 0, all, 4, 64);
        String hash = Base64.getEncoder().encodeToString(all);
        assertThat(PasswordHash.matches(hash, "pw")).isTrue();
        assertThat(PasswordHash.matches(hash, "px")).isFalse();
    }

    @Test
    void malformedOrEmptyHashesMatchNothing() {
        assertThat(PasswordHash.matches("", "")).isFalse();
        assertThat(PasswordHash.matches(null, "guest")).isFalse();
        assertThat(PasswordHash.matches("not base64 !!", "guest")).isFalse();
        assertThat(PasswordHash.matches("AAAA", "guest")).isFalse();
        assertThat(PasswordHash.matches(BrokerConfig.GUEST_PASSWORD_HASH, null)).isFalse();
        assertThat(PasswordHash.isWellFormed("AAAA")).isFalse();
        assertThat(PasswordHash.isWellFormed("%%")).isFalse();
    }
}
