package org.ferrymq.jms;

import java.util.Map;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import org.ferrymq.jms.destination.FerryDestination;
import org.ferrymq.jms.destination.FerryTopic;
import org.ferrymq.jms.provider.QueueSpec;
import org.ferrymq.jms.selector.Selectors;

/**
 * Which AMQP queue a consumer reads. A JMS Queue is read directly. Every topic subscription is
 * its own queue bound to the topic's exchange with its routing key:
 * <ul>
 *   <li>non-durable: server-named, exclusive, auto-delete;</li>
 *   <li>durable: {@code jms.durable.<clientID>.<name>}, durable, one consumer at a time;</li>
 *   <li>shared durable: {@code jms.shared-durable.<clientID or empty>.<name>}, durable, shared;</li>
 *   <li>shared non-durable: {@code jms.shared.<clientID or empty>.<name>}, auto-delete, shared; its
 *       topic and selector pinned by {@link SharedSubscriptionDefinition}.</li>
 * </ul>
 * A shared and an unshared durable subscription may not have the same name and client ID (spec 8.3):
 * whichever exists refuses the other.
 */
final class Subscriptions {
    static final String DURABLE_PREFIX = "jms.durable.";
    static final String SHARED_DURABLE_PREFIX = "jms.shared-durable.";
    static final String SHARED_PREFIX = "jms.shared.";
    /** FerryMQ's binding argument: only messages matching this selector are routed to the queue. */
    static final String SELECTOR_ARGUMENT = "x-selector";

    /**
     * @param queue        the AMQP queue to consume
     * @param exclusive    consume exclusively (an unshared durable subscription)
     * @param subscription the queue is this subscription's own, so filtering on the client is safe
     * @param clientSelects the selector is checked on the client: a subscription whose queue is bound
     *                      without it (the broker cannot select on bindings, e.g. plain RabbitMQ)
     * @param competing    consumers of other sessions compete for its messages and a basic.cancel leaves
     *                      the queue in place (a JMS Queue, a shared durable subscription): consumed
     *                      only while the connection is started, so a stopped one holds none back
     * @param lasting      the queue outlives connections (durable, or a JMS Queue): if the broker
     *                      cancels the consumer, the queue may come back and the consumer subscribes again
     */
    record Source(String queue, boolean exclusive, boolean subscription, boolean clientSelects,
                  boolean competing, boolean lasting) {
    }

    private final FerryConnection connection;
    private final DurableDefinitions definitions;

    Subscriptions(FerryConnection connection) {
        this.connection = connection;
        this.definitions = new DurableDefinitions(connection);
    }

    Source forDestination(FerryDestination destination, String selector) throws JMSException {
        if (destination.isQueue()) {
            connection.topology().ensureQueue(destination.routingKey());
            boolean temporary = destination instanceof jakarta.jms.TemporaryQueue;
            return new Source(destination.routingKey(), false, false, false, true, !temporary);
        }
        connection.topology().checkExchange(destination.exchange());
        String queue = connection.topology().withChannel(ch -> ch.declareQueue(QueueSpec.exclusiveServerNamed()));
        boolean brokerSelects = bind(queue, destination, selector);
        // exclusive and auto-delete: nobody competes, and a basic.cancel would delete it
        return new Source(queue, false, true, !brokerSelects, false, false);
    }

    Source durable(FerryTopic topic, String name, String selector, boolean noLocal) throws JMSException {
        checkName(name);
        String clientId = connection.getClientID();
        if (clientId == null) {
            throw new IllegalStateException("an unshared durable subscription needs a client ID");
        }
        String queue = DURABLE_PREFIX + clientId + "." + name;
        refuseIfExists(SHARED_DURABLE_PREFIX + clientId + "." + name,
                "a shared durable subscription named '" + name + "' exists for client ID '" + clientId + "'");
        definitions.reconcile(queue, topic, selector, noLocal);
        return declared(topic, queue, connection.topology().durableQueue(queue), true, selector);
    }

    Source sharedDurable(FerryTopic topic, String name, String selector) throws JMSException {
        checkName(name);
        String queue = SHARED_DURABLE_PREFIX + clientIdOrEmpty() + "." + name;
        String clientId = connection.getClientID();
        if (clientId != null) {
            refuseIfExists(DURABLE_PREFIX + clientId + "." + name,
                    "an unshared durable subscription named '" + name + "' exists for client ID '" + clientId + "'");
        }
        definitions.reconcile(queue, topic, selector, false);   // a shared subscription has no noLocal
        return declared(topic, queue, connection.topology().durableQueue(queue), false, selector);
    }

    /**
     * The broker refuses the declare (406) if the subscription's queue was declared for another
     * topic or selector. That old subscription still exists only while it has consumers: if it
     * has none its queue is deleted and declared anew, else this is a JMSException (spec 8.3).
     */
    Source shared(FerryTopic topic, String name, String selector) throws JMSException {
        checkName(name);
        String queue = SHARED_PREFIX + clientIdOrEmpty() + "." + name;
        QueueSpec spec = new QueueSpec(queue, false, false, true, SharedSubscriptionDefinition.queueArguments(topic, selector));
        connection.topology().checkExchange(topic.exchange());
        try {
            declare(spec);
        } catch (JMSException otherDefinition) {
            if (!"406".equals(otherDefinition.getErrorCode())) {
                throw otherDefinition;
            }
            deleteUnused(queue, "shared subscription '" + name + "' has active consumers on another topic or selector");
            declare(spec);
        }
        boolean brokerSelects = bind(queue, topic, selector);
        // auto-delete: a basic.cancel of its last consumer would delete the subscription
        return new Source(queue, false, true, !brokerSelects, false, false);
    }

    private void declare(QueueSpec spec) throws JMSException {
        connection.topology().withChannel(ch -> ch.declareQueue(spec));
    }

    /** queue.delete if-unused; a queue with consumers (406) is a JMSException with {@code whenInUse}. */
    private void deleteUnused(String queue, String whenInUse) throws JMSException {
        try {
            connection.topology().withChannel(ch -> {
                ch.deleteQueue(queue, true);
                return null;
            });
        } catch (JMSException e) {
            if ("406".equals(e.getErrorCode())) {
                JMSException inUse = new JMSException(whenInUse, "406");
                inUse.setLinkedException(e);
                throw inUse;
            }
            throw e;
        }
    }

    private void refuseIfExists(String otherKindQueue, String why) throws JMSException {
        if (connection.topology().queueExists(otherKindQueue)) {
            throw new JMSException(why + "; a shared and an unshared durable subscription cannot have the same name");
        }
    }

    /**
     * Deletes a durable subscription (unshared first, then shared); fails if it has an active
     * consumer (queue.delete if-unused answers 406) or does not exist.
     */
    void unsubscribe(String name) throws JMSException {
        checkName(name);
        String[] candidates = {
                connection.getClientID() == null ? null : DURABLE_PREFIX + connection.getClientID() + "." + name,
                SHARED_DURABLE_PREFIX + clientIdOrEmpty() + "." + name};
        for (String queue : candidates) {
            if (queue != null && connection.topology().queueExists(queue)) {
                try {
                    connection.topology().withChannel(ch -> {
                        ch.deleteQueue(queue, true);
                        return null;
                    });
                } catch (JMSException e) {
                    if ("406".equals(e.getErrorCode())) {
                        throw new IllegalStateException("durable subscription '" + name + "' has an active consumer", "406");
                    }
                    throw e;
                }
                connection.topology().forget(queue);
                definitions.delete(queue);
                return;
            }
        }
        throw new InvalidDestinationException("no durable subscription named '" + name + "'", "404");
    }

    private Source declared(FerryTopic topic, String queue, QueueSpec spec, boolean exclusive, String selector)
            throws JMSException {
        connection.topology().checkExchange(topic.exchange());
        connection.topology().withChannel(ch -> ch.declareQueue(spec));
        boolean brokerSelects = bind(queue, topic, selector);
        // an unshared one is consumed exclusively from creation on, so a second consumer is refused at once
        return new Source(queue, exclusive, true, !brokerSelects, !exclusive, true);
    }

    /**
     * Binds a subscription's queue to its topic. Where the broker filters (FerryMQ), a selector goes
     * on the binding ({@code x-selector}), so non-matching messages never enter the queue (nor wait
     * in a durable subscription's queue while its subscriber is away); the plain binding an older
     * provider may have left on a durable queue is removed. Plain RabbitMQ would ignore the argument
     * yet count it in the binding's identity, so there the binding is plain and the client selects.
     *
     * @return true if the broker applies the selector
     */
    private boolean bind(String queue, FerryDestination topic, String selector) throws JMSException {
        return connection.topology().withChannel(ch -> {
            if (Selectors.isBlank(selector) || !ch.filtersOnBroker()) {
                ch.bindQueue(queue, topic.exchange(), topic.routingKey());
                return false;
            }
            ch.bindQueue(queue, topic.exchange(), topic.routingKey(), Map.of(SELECTOR_ARGUMENT, selector.trim()));
            ch.unbindQueue(queue, topic.exchange(), topic.routingKey(), Map.of());
            return true;
        });
    }

    private String clientIdOrEmpty() throws JMSException {
        String id = connection.getClientID();
        return id == null ? "" : id;
    }

    private static void checkName(String name) throws JMSException {
        if (name == null || name.isEmpty()) {
            throw new JMSException("a subscription name must not be empty");
        }
    }
}
