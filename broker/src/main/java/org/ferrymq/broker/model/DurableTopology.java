package org.ferrymq.broker.model;

import java.util.Map;

import org.ferrymq.broker.model.exchange.Destination;
import org.ferrymq.broker.model.exchange.Exchange;
import org.ferrymq.broker.store.BindingRecord;
import org.ferrymq.broker.store.DefinitionStore;
import org.ferrymq.broker.store.ExchangeRecord;
import org.ferrymq.broker.store.QueueRecord;

/**
 * Writes a vhost's durable topology to the store as it changes: durable exchanges, durable
 * (non-exclusive) queues, and the bindings between durable things. Called under the vhost's lock.
 */
final class DurableTopology {
    private final DefinitionStore store;
    private final String vhost;

    DurableTopology(DefinitionStore store, String vhost) {
        this.store = store;
        this.vhost = vhost;
    }

    void exchangeDeclared(Exchange exchange) {
        if (exchange.durable()) {
            store.saveExchange(new ExchangeRecord(vhost, exchange.name(), exchange.type().amqpName(),
                    exchange.autoDelete(), exchange.internal(), exchange.arguments()));
        }
    }

    void exchangeDeleted(Exchange exchange) {
        if (exchange.durable()) {
            store.deleteExchange(vhost, exchange.name());
        }
    }

    /** Saves a durable queue's definition and returns its store id, or 0 if it is not kept. */
    long queueDeclared(QueueSettings settings) {
        if (!settings.durable() || settings.exclusive()) {
            return 0;
        }
        return store.saveQueue(new QueueRecord(0, vhost, settings.name(), settings.autoDelete(), settings.arguments()));
    }

    void queueDeleted(MessageQueue queue) {
        if (queue.storeId() > 0) {
            store.deleteQueue(queue.storeId());
        }
    }

    void bound(Exchange source, Destination destination, String routingKey, Map<String, Object> arguments) {
        if (isDurable(source, destination)) {
            store.saveBinding(record(source, destination, routingKey, arguments));
        }
    }

    void unbound(Exchange source, Destination destination, String routingKey, Map<String, Object> arguments) {
        if (isDurable(source, destination)) {
            store.deleteBinding(record(source, destination, routingKey, arguments));
        }
    }

    private static boolean isDurable(Exchange source, Destination destination) {
        boolean durableDestination = destination instanceof Exchange e ? e.durable()
                : destination instanceof MessageQueue q && q.storeId() > 0;
        return source.durable() && durableDestination;
    }

    private BindingRecord record(Exchange source, Destination destination, String routingKey, Map<String, Object> arguments) {
        return new BindingRecord(vhost, source.name(), destination.name(), destination instanceof Exchange, routingKey,
                arguments == null ? Map.of() : arguments);
    }
}
