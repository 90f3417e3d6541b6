package org.ferrymq.jms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import org.ferrymq.jms.destination.FerryTopic;

/**
 * Pins the topic and selector of a shared non-durable subscription to its AMQP queue, so that the
 * broker itself refuses, atomically and for every connection, a queue.declare of the same
 * subscription with another topic or selector (spec 8.3: a JMSException while the subscription
 * has consumers).
 *
 * <p>Why the queue's {@code x-expires}: AMQP 0-9-1 cannot read a queue's arguments or bindings
 * back, and RabbitMQ 3.10 ignores unknown {@code x-} arguments when it compares a re-declare
 * (tested against the peer), but it compares {@code x-expires} and answers PRECONDITION_FAILED on
 * another value; FerryMQ does the same. So the expiry carries a fingerprint of the definition:
 * 2^37 ms plus 37 bits of a SHA-256 of topic and selector, between 4.4 and 8.7 years (both
 * brokers accept up to ten years). The queue is auto-delete, so the expiry only ever removes one
 * that never got a consumer.
 */
final class SharedSubscriptionDefinition {
    static final String ARGUMENT = "x-expires";
    private static final int FINGERPRINT_BITS = 37;

    private SharedSubscriptionDefinition() {
    }

    /** The queue.declare arguments of the subscription's queue. */
    static Map<String, Object> queueArguments(FerryTopic topic, String selector) {
        return Map.of(ARGUMENT, expiryFor(topic, selector));
    }

    /** Equal for the same topic and selector (null, blank and surrounding spaces mean the same). */
    static long expiryFor(FerryTopic topic, String selector) {
        String definition = topic.address() + "\n" + (selector == null ? "" : selector.trim());
        long hash = ByteBuffer.wrap(sha256(definition)).getLong();
        long mask = (1L << FINGERPRINT_BITS) - 1;
        return (1L << FINGERPRINT_BITS) + (hash & mask);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
