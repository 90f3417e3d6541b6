package org.ferrymq.jms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.QueueSpec;

/**
 * The AMQP objects a connection declares, checks and deletes, on one connection-level channel
 * (reopened after a broker error closes it, so a failed declare never breaks a session).
 * Caches what it has checked so a send does not cost a round trip.
 *
 * <p>Threading: thread-safe; channel use is serialized.
 */
final class Topology {
    /** How long after a hold queue's last declare it may still receive messages. */
    private static final long DELAY_REDECLARE_MS = 60_000;
    private static final long DELAY_QUEUE_GRACE_MS = 600_000;

    private final Provider provider;
    /** x-queue-type of the durable queues declared here, or null for the broker's default. */
    private final String queueType;
    private final Set<String> knownQueues = ConcurrentHashMap.newKeySet();
    private final Set<String> knownExchanges = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> delayQueuesDeclaredAt = new ConcurrentHashMap<>();
    private ProviderChannel channel;

    Topology(Provider provider, String queueType) {
        this.provider = provider;
        this.queueType = queueType;
    }

    /** A durable shared queue of the configured type: a JMS Queue, a durable subscription. */
    QueueSpec durableQueue(String name) {
        return durableQueue(name, Map.of());
    }

    QueueSpec durableQueue(String name, Map<String, Object> arguments) {
        if (queueType == null) {
            return new QueueSpec(name, true, false, false, arguments);
        }
        Map<String, Object> typed = new java.util.HashMap<>(arguments);
        typed.put("x-queue-type", queueType);
        return new QueueSpec(name, true, false, false, typed);
    }

    @FunctionalInterface
    interface ChannelCall<T> {
        T on(ProviderChannel channel) throws ProviderException;
    }

    synchronized <T> T withChannel(ChannelCall<T> call) throws JMSException {
        try {
            if (channel == null || !channel.isOpen()) {
                channel = provider.openChannel(false);
            }
            return call.on(channel);
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }

    /** Makes sure a JMS Queue exists: uses it as it is if someone (pika) declared it, else declares it durable. */
    void ensureQueue(String queue) throws JMSException {
        if (knownQueues.contains(queue)) {
            return;
        }
        try {
            if (!provider.queueExists(queue)) {
                withChannel(ch -> ch.declareQueue(durableQueue(queue)));
            }
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
        knownQueues.add(queue);
    }

    /** A topic's exchange must exist already (we cannot guess its type): else InvalidDestinationException. */
    void checkExchange(String exchange) throws JMSException {
        if (exchange.isEmpty() || knownExchanges.contains(exchange)) {
            return;
        }
        try {
            if (!provider.exchangeExists(exchange)) {
                throw new InvalidDestinationException("exchange '" + exchange + "' does not exist; declare it first "
                        + "(FerryMQ does not guess an exchange type)", "404");
            }
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
        knownExchanges.add(exchange);
    }

    boolean queueExists(String queue) throws JMSException {
        try {
            return provider.queueExists(queue);
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }

    void forget(String queue) {
        knownQueues.remove(queue);
    }

    /**
     * After a 404, or a send returned because its queue is gone, the destination is checked again
     * next time; so are the hold queues, which may have expired unused.
     */
    void forget(FerryDestination destination) {
        knownQueues.remove(destination.routingKey());
        knownExchanges.remove(destination.exchange());
        delayQueuesDeclaredAt.clear();
    }

    /**
     * The hold queue for messages to {@code target} delayed by {@code delayMs}: every message in it
     * has the same TTL, so they expire in FIFO order and dead-letter into the target's exchange
     * with its routing key exactly when due. The queue expires when unused for a while.
     */
    String delayQueue(FerryDestination target, long delayMs) throws JMSException {
        String name = "jms.delay." + delayMs + "ms." + shortName(target.exchange() + "/" + target.routingKey());
        long now = System.currentTimeMillis();
        Long declaredAt = delayQueuesDeclaredAt.get(name);
        if (declaredAt == null || now - declaredAt > DELAY_REDECLARE_MS) {
            Map<String, Object> args = Map.of(
                    "x-message-ttl", delayMs,
                    "x-dead-letter-exchange", target.exchange(),
                    "x-dead-letter-routing-key", target.routingKey(),
                    "x-expires", delayMs + DELAY_QUEUE_GRACE_MS);
            withChannel(ch -> ch.declareQueue(durableQueue(name, args)));
            delayQueuesDeclaredAt.put(name, now);
        }
        return name;
    }

    private static String shortName(String s) {
        if (s.length() <= 120) {
            return s.isEmpty() ? "default" : s;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return s.substring(0, 80) + "." + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
