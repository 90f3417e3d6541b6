package org.ferrymq.broker.model;

import java.security.SecureRandom;
import java.util.Base64;

/** Names the server makes up, in RabbitMQ's shape: {@code amq.gen-…} queues, {@code amq.ctag-…} consumer tags. */
public final class ServerNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ServerNames() {
    }

    public static String queueName() {
        return "amq.gen-" + randomToken();
    }

    public static String consumerTag() {
        return "amq.ctag-" + randomToken();
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
