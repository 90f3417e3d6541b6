package org.ferrymq.jms;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;

import org.ferrymq.jms.destination.FerryTopic;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.provider.WireMessage;

/**
 * Remembers which topic and selector each durable subscription was created with, because AMQP
 * cannot list a queue's bindings. The definition is one persistent message in a small durable
 * queue {@code jms.subscription-def.<subscription queue>}. When a subscription is opened with a
 * different topic, selector or noLocal value, the spec (section 8.3) says it is as if it were unsubscribed and
 * created anew: the old subscription queue is deleted (if-unused, so active consumers make it an
 * IllegalStateException) before the new one is declared.
 */
final class DurableDefinitions {
    static final String PREFIX = "jms.subscription-def.";

    private final FerryConnection connection;

    DurableDefinitions(FerryConnection connection) {
        this.connection = connection;
    }

    void reconcile(String subscriptionQueue, FerryTopic topic, String selector, boolean noLocal) throws JMSException {
        String definitionQueue = PREFIX + subscriptionQueue;
        // a third line only with noLocal, so definitions stored before noLocal was recorded still match
        String wanted = topic.address() + "\n" + (selector == null ? "" : selector.trim()) + (noLocal ? "\nnoLocal" : "");
        try {
            connection.topology().withChannel(ch -> {
                ch.declareQueue(connection.topology().durableQueue(definitionQueue));
                WireDelivery stored = ch.get(definitionQueue);
                if (stored != null && wanted.equals(new String(stored.message().body(), StandardCharsets.UTF_8))) {
                    ch.nack(stored.deliveryTag(), true);
                    return null;
                }
                if (stored != null) {
                    ch.deleteQueue(subscriptionQueue, true);   // changed: the old subscription goes
                    ch.ack(stored.deliveryTag());
                }
                ch.publish("", definitionQueue, new WireMessage("text/plain; charset=utf-8", null, Map.of(), 2, null, null,
                        null, null, null, null, null, null, null, wanted.getBytes(StandardCharsets.UTF_8)));
                return null;
            });
        } catch (JMSException e) {
            if ("406".equals(e.getErrorCode())) {
                throw new IllegalStateException("durable subscription " + subscriptionQueue
                        + " has active consumers; its topic, selector or noLocal cannot change now", "406");
            }
            throw e;
        }
        connection.topology().forget(subscriptionQueue);
    }

    void delete(String subscriptionQueue) throws JMSException {
        connection.topology().withChannel(ch -> {
            ch.deleteQueue(PREFIX + subscriptionQueue, false);
            return null;
        });
    }
}
