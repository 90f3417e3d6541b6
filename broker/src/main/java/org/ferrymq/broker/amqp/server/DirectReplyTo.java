package org.ferrymq.broker.amqp.server;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.ferrymq.broker.model.Message;

/**
 * RabbitMQ's direct reply-to: a channel consumes (no-ack) from the pseudo-queue
 * {@value #PSEUDO_QUEUE}; a request it publishes with that {@code reply_to} has it rewritten to
 * the consumer's own address {@value #PSEUDO_QUEUE}{@code .<key>}; a reply published to that
 * address through the default exchange goes straight to the consumer, never through a queue.
 * A reply to an address whose consumer is gone (cancelled, channel or connection closed) is
 * dropped, or returned if mandatory. Addresses are random and never reused.
 *
 * <p>Broker-wide and thread-safe: consumers register and leave on their channel's event loop,
 * publishers on any event loop look addresses up; a reply is handed to the consumer's event loop.
 */
final class DirectReplyTo {
    static final String PSEUDO_QUEUE = "amq.rabbitmq.reply-to";
    static final String ADDRESS_PREFIX = PSEUDO_QUEUE + ".";

    private final ConcurrentMap<String, Consumer> byAddress = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A channel's reply consumer: its consumer tag and the address replies are published to. */
    record Consumer(String tag, String address, Deliveries deliveries) {
    }

    /** True for the names RabbitMQ answers itself: the pseudo-queue and everything starting with its name. */
    static boolean isReplyName(String queueName) {
        return queueName.startsWith(PSEUDO_QUEUE);
    }

    /** True if a default-exchange routing key is a reply address. */
    static boolean isAddress(String routingKey) {
        return routingKey.startsWith(ADDRESS_PREFIX);
    }

    Consumer register(String tag, Deliveries deliveries) {
        byte[] key = new byte[18];
        random.nextBytes(key);
        String address = ADDRESS_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Consumer consumer = new Consumer(tag, address, deliveries);
        byAddress.put(address, consumer);
        return consumer;
    }

    void unregister(Consumer consumer) {
        byAddress.remove(consumer.address(), consumer);
    }

    /**
     * Whether queue.declare of this name succeeds (as RabbitMQ: the pseudo-queue always, an
     * address while its consumer lives); anything else starting with the pseudo-queue's name is a 404.
     */
    boolean declarable(String queueName) {
        return queueName.equals(PSEUDO_QUEUE) || byAddress.containsKey(queueName);
    }

    /** Sends a reply to the consumer at this address, if there is one; a reply to nobody is dropped. */
    void deliver(String address, Message message) {
        Consumer consumer = byAddress.get(address);
        if (consumer != null) {
            consumer.deliveries().submit(() -> consumer.deliveries().deliverReply(consumer, message));
        }
    }
}
