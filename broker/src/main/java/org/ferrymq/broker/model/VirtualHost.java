package org.ferrymq.broker.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.ferrymq.broker.model.exchange.Binding;
import org.ferrymq.broker.model.exchange.Destination;
import org.ferrymq.broker.model.exchange.Exchange;
import org.ferrymq.broker.model.exchange.ExchangeRouter;
import org.ferrymq.broker.model.exchange.ExchangeType;
import org.ferrymq.broker.store.BindingRecord;
import org.ferrymq.broker.store.ExchangeRecord;
import org.ferrymq.broker.store.MessageStore;
import org.ferrymq.broker.store.QueueRecord;

/**
 * A virtual host: its exchanges, queues and the bindings between them.
 *
 * <p>Threading: declarations, deletions and bindings change the topology under this object's
 * lock, one at a time; routing a published message ({@link #route}) takes no lock and reads the
 * exchanges' copy-on-write binding snapshots, so publishers on every event loop route in
 * parallel. Queue state itself belongs to each queue's executor.
 */
public final class VirtualHost {
    /** The exchanges every vhost has, as in RabbitMQ. */
    private static final Map<String, ExchangeType> STANDARD_EXCHANGES = Map.of(
            "amq.direct", ExchangeType.DIRECT,
            "amq.fanout", ExchangeType.FANOUT,
            "amq.topic", ExchangeType.TOPIC,
            "amq.headers", ExchangeType.HEADERS,
            "amq.match", ExchangeType.HEADERS);

    private final String name;
    private final Executor queuePool;
    private final QueueHost queueHost;
    private final MessageStore store;
    private final DurableTopology topology;
    private final Map<String, Exchange> exchanges = new ConcurrentHashMap<>();
    private final Map<String, MessageQueue> queues = new ConcurrentHashMap<>();
    private final org.ferrymq.broker.xa.XaResourceManager xa;
    /** This vhost's message counts (publish, deliver, ack, ...), RabbitMQ's vhost {@code message_stats}. */
    private final org.ferrymq.broker.management.MessageCounters counters =
            org.ferrymq.broker.management.MessageCounters.perObject();

    /** This vhost's message counts; the connections logged in to it count into them. Any thread. */
    public org.ferrymq.broker.management.MessageCounters counters() {
        return counters;
    }

    /** Octets from and to the clients of this vhost, RabbitMQ's vhost {@code recv_oct}/{@code send_oct}. */
    private final org.ferrymq.broker.management.TrafficCounters traffic =
            org.ferrymq.broker.management.TrafficCounters.forVhost();

    /** This vhost's octet counts: its connections' summed, closed ones included. Any thread. */
    public org.ferrymq.broker.management.TrafficCounters traffic() {
        return traffic;
    }

    public VirtualHost(String name, QueueResources resources) {
        this.name = Objects.requireNonNull(name);
        this.queuePool = resources.pool();
        this.queueHost = new Host(resources);
        this.store = resources.store();
        this.topology = new DurableTopology(store, name);
        this.xa = new org.ferrymq.broker.xa.XaResourceManager(name, store, resources.scheduler(), queues::get);
        STANDARD_EXCHANGES.forEach((exchange, type) ->
                exchanges.put(exchange, Exchange.create(name, exchange, type, true, false, false, Map.of())));
    }

    public String name() {
        return name;
    }

    /** This vhost's XA resource manager (distributed transaction branches). */
    public org.ferrymq.broker.xa.XaResourceManager xa() {
        return xa;
    }

    public Collection<Exchange> exchanges() {
        return List.copyOf(exchanges.values());
    }

    public Collection<MessageQueue> queues() {
        return List.copyOf(queues.values());
    }

    public int queueCount() {
        return queues.size();
    }

    /**
     * The queues as they are now, without a copy (weakly consistent: one declared or deleted during
     * the walk may or may not be seen), for totals over many queues.
     */
    public Collection<MessageQueue> queuesUncopied() {
        return java.util.Collections.unmodifiableCollection(queues.values());
    }

    // ---- exchanges -------------------------------------------------------------------------

    /** The named exchange, or NOT_FOUND. The default exchange ("") has no object of its own. */
    public Exchange exchange(String exchangeName) {
        Exchange exchange = exchanges.get(exchangeName);
        if (exchange == null) {
            throw AmqpException.notFound("no exchange '" + exchangeName + "' in vhost '" + name + "'");
        }
        return exchange;
    }

    public synchronized Exchange declareExchange(String exchangeName, String typeName, boolean passive, boolean durable,
                                                 boolean autoDelete, boolean internal, Map<String, Object> arguments) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.accessRefused("operation not permitted on the default exchange");
        }
        Exchange existing = exchanges.get(exchangeName);
        if (passive) {
            if (existing == null) {
                throw AmqpException.notFound("no exchange '" + exchangeName + "' in vhost '" + name + "'");
            }
            return existing;
        }
        ExchangeType type = ExchangeType.fromAmqpName(typeName).orElseThrow(() ->
                AmqpException.commandInvalid("unknown exchange type '" + typeName + "'"));
        if (existing != null) {
            existing.checkEquivalent(type, durable, autoDelete, internal, arguments);
            return existing;
        }
        if (exchangeName.startsWith("amq.")) {
            throw AmqpException.accessRefused(
                    "exchange name '" + exchangeName + "' contains reserved prefix 'amq.*'");
        }
        Exchange created = Exchange.create(name, exchangeName, type, durable, autoDelete, internal, arguments);
        topology.exchangeDeclared(created);
        exchanges.put(exchangeName, created);
        return created;
    }

    public synchronized void deleteExchange(String exchangeName, boolean ifUnused) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.accessRefused("operation not permitted on the default exchange");
        }
        if (STANDARD_EXCHANGES.containsKey(exchangeName)) {
            throw AmqpException.accessRefused("deletion of system exchange '" + exchangeName + "' in vhost '" + name
                    + "' not allowed");
        }
        Exchange exchange = exchanges.get(exchangeName);
        if (exchange == null) {
            // RabbitMQ answers delete-ok for a missing exchange
            return;
        }
        if (ifUnused && exchange.hasBindings()) {
            throw AmqpException.preconditionFailed("exchange '" + exchangeName + "' in vhost '" + name + "' in use");
        }
        removeExchange(exchange);
    }

    public synchronized void bindExchange(String destination, String source, String routingKey,
                                          Map<String, Object> arguments) {
        Exchange target = nonDefault(destination);
        Exchange from = nonDefault(source);
        if (from.bind(target, routingKey, arguments)) {
            topology.bound(from, target, routingKey, arguments);
        }
    }

    public synchronized void unbindExchange(String destination, String source, String routingKey,
                                            Map<String, Object> arguments) {
        if (destination.isEmpty() || source.isEmpty()) {
            throw AmqpException.accessRefused("operation not permitted on the default exchange");
        }
        Exchange target = exchanges.get(destination);
        Exchange from = exchanges.get(source);
        if (target == null || from == null) {
            return; // RabbitMQ 3.10: unbinding what does not exist is unbind-ok
        }
        if (from.unbind(target, routingKey, arguments)) {
            topology.unbound(from, target, routingKey, arguments);
            autoDeleteIfUnbound(from);
        }
    }

    // ---- queues ----------------------------------------------------------------------------

    /** The named queue as {@code connection} may use it: NOT_FOUND, or RESOURCE_LOCKED if another connection's exclusive queue. */
    public MessageQueue queue(String queueName, Object connection) {
        MessageQueue queue = queues.get(queueName);
        if (queue == null) {
            throw AmqpException.notFound("no queue '" + queueName + "' in vhost '" + name + "'");
        }
        if (!queue.accessibleBy(connection)) {
            throw lockedQueue(queueName);
        }
        return queue;
    }

    /**
     * queue.declare: returns the existing queue if it is equivalent, creates it otherwise.
     * {@code serverNamed} says the name was made up by the server ({@link ServerNames#queueName()}),
     * which is then allowed its {@code amq.} prefix.
     */
    public synchronized MessageQueue declareQueue(String queueName, boolean serverNamed, boolean passive, boolean durable,
                                                  boolean exclusive, boolean autoDelete, Map<String, Object> arguments,
                                                  Object connection) {
        if (passive) {
            return queue(queueName, connection);
        }
        String actualName = queueName;
        MessageQueue existing = queues.get(actualName);
        if (existing != null) {
            if (!existing.accessibleBy(connection) || existing.exclusive() != exclusive) {
                throw lockedQueue(actualName);
            }
            QueueEquivalence.check(existing, durable, autoDelete, arguments);
            existing.touchFromDeclare();
            return existing;
        }
        if (actualName.startsWith("amq.") && !serverNamed) {
            throw AmqpException.accessRefused("queue name '" + actualName + "' contains reserved prefix 'amq.*'");
        }
        QueueType.check(actualName, name, durable, exclusive, autoDelete, arguments);
        QueueArguments parsed = QueueArguments.parse(actualName, name, arguments);
        QueueSettings settings = new QueueSettings(actualName, durable, autoDelete, exclusive ? connection : null, arguments);
        long storeId = topology.queueDeclared(settings);
        MessageQueue created = new MessageQueue(settings, parsed, name, storeId, queuePool, queueHost);
        queues.put(actualName, created);
        return created;
    }

    /** queue.delete; answers the number of messages deleted. A missing queue answers 0, as in RabbitMQ. */
    public CompletableFuture<Integer> deleteQueue(String queueName, boolean ifUnused, boolean ifEmpty, Object connection) {
        MessageQueue queue = queues.get(queueName);
        if (queue == null) {
            return CompletableFuture.completedFuture(0);
        }
        if (!queue.accessibleBy(connection)) {
            throw lockedQueue(queueName);
        }
        return queue.delete(ifUnused, ifEmpty).thenApply(count -> {
            forgetQueue(queue);
            return count;
        });
    }

    public synchronized void bindQueue(String queueName, String exchangeName, String routingKey,
                                       Map<String, Object> arguments, Object connection) {
        MessageQueue queue = queue(queueName, connection);
        if (exchangeName.isEmpty()) {
            throw AmqpException.accessRefused("operation not permitted on the default exchange");
        }
        Exchange exchange = exchange(exchangeName);
        if (exchange.bind(queue, routingKey, arguments)) {
            topology.bound(exchange, queue, routingKey, arguments);
        }
    }

    /**
     * queue.unbind. As in RabbitMQ 3.10, a binding, queue or exchange that does not exist is
     * no error (unbind-ok): the binding is gone either way. Unbinding from the default exchange
     * is ACCESS_REFUSED, and another connection's exclusive queue RESOURCE_LOCKED.
     */
    public synchronized void unbindQueue(String queueName, String exchangeName, String routingKey,
                                         Map<String, Object> arguments, Object connection) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.accessRefused("operation not permitted on the default exchange");
        }
        Exchange exchange = exchanges.get(exchangeName);
        if (exchange == null || !queues.containsKey(queueName)) {
            return;
        }
        MessageQueue queue = queue(queueName, connection);
        if (exchange.unbind(queue, routingKey, arguments)) {
            topology.unbound(exchange, queue, routingKey, arguments);
            autoDeleteIfUnbound(exchange);
        }
    }

    /**
     * Checks that {@code queue.declare} with these settings would succeed, changing nothing: an
     * existing queue must be equivalent, a new one must have a valid name and arguments.
     * Throws the AmqpException the declare would.
     */
    public synchronized void checkQueueDeclaration(String queueName, boolean durable, boolean autoDelete,
                                                   Map<String, Object> arguments) {
        MessageQueue existing = queues.get(queueName);
        if (existing != null) {
            QueueEquivalence.check(existing, durable, autoDelete, arguments);
            return;
        }
        if (queueName.startsWith("amq.")) {
            throw AmqpException.accessRefused("queue name '" + queueName + "' contains reserved prefix 'amq.*'");
        }
        QueueType.check(queueName, name, durable, false, autoDelete, arguments);
        QueueArguments.parse(queueName, name, arguments);
    }

    /** Checks that {@code exchange.declare} with these settings would succeed, changing nothing. */
    public synchronized void checkExchangeDeclaration(String exchangeName, String typeName, boolean durable,
                                                      boolean autoDelete, boolean internal, Map<String, Object> arguments) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.accessRefused("operation not permitted on the default exchange");
        }
        ExchangeType type = ExchangeType.fromAmqpName(typeName).orElseThrow(() ->
                AmqpException.commandInvalid("unknown exchange type '" + typeName + "'"));
        Exchange existing = exchanges.get(exchangeName);
        if (existing != null) {
            existing.checkEquivalent(type, durable, autoDelete, internal, arguments);
            return;
        }
        if (exchangeName.startsWith("amq.")) {
            throw AmqpException.accessRefused("exchange name '" + exchangeName + "' contains reserved prefix 'amq.*'");
        }
        Exchange.validateArguments(name, exchangeName, arguments);
    }

    /** The vhost is being deleted: every queue goes, consumers are told. */
    void deleteAllQueues() {
        for (MessageQueue queue : queues.values()) {
            queue.forceDelete();
            queues.remove(queue.name(), queue);
        }
    }

    /** The named queue regardless of exclusivity (management sees every queue), or empty. */
    public java.util.Optional<MessageQueue> findQueue(String queueName) {
        return java.util.Optional.ofNullable(queues.get(queueName));
    }

    /** The named exchange, or empty. */
    public java.util.Optional<Exchange> findExchange(String exchangeName) {
        return java.util.Optional.ofNullable(exchanges.get(exchangeName));
    }

    /** A connection went away: its exclusive queues go with it. */
    public void connectionClosed(Object connection) {
        xa.connectionClosed(connection);   // its unprepared XA branches die with it
        for (MessageQueue queue : queues.values()) {
            if (queue.settings().exclusiveOwner() == connection) {
                queue.forceDelete();
                forgetQueue(queue);
            }
        }
    }

    // ---- routing ---------------------------------------------------------------------------

    /**
     * The queues a message published to {@code exchangeName} with this key and headers reaches.
     * The default exchange routes to the queue named by the key. Lock-free.
     */
    public List<MessageQueue> route(String exchangeName, String routingKey, Map<String, Object> headers) {
        return route(exchangeName, routingKey, headers, null);
    }

    /**
     * As {@link #route(String, String, Map)}, for {@code message}: bindings with a selector
     * ({@code x-selector}) pass it on only if their selector matches it.
     */
    public List<MessageQueue> route(String exchangeName, String routingKey, Map<String, Object> headers,
                                    Message message) {
        if (exchangeName.isEmpty()) {
            MessageQueue queue = queues.get(routingKey);
            return queue == null ? List.of() : List.of(queue);
        }
        List<Destination> destinations = ExchangeRouter.route(exchange(exchangeName), routingKey, headers,
                exchanges::get, message == null ? null : MessageSelection.contextOf(message));
        List<MessageQueue> result = new ArrayList<>(destinations.size());
        for (Destination d : destinations) {
            if (d instanceof MessageQueue q) {
                result.add(q);
            }
        }
        return result;
    }

    /**
     * Writes a persistent message to the store for those of {@code queues} that are durable,
     * before it is enqueued; the future completes when it is on disk. Null if nothing is stored
     * (a transient message, or no durable queue).
     */
    public CompletableFuture<Void> persist(Message message, List<MessageQueue> queues) {
        if (!message.persistent()) {
            return null;
        }
        long[] ids = null;
        int n = 0;
        for (MessageQueue queue : queues) {
            if (queue.storeId() > 0) {
                if (ids == null) {
                    ids = new long[queues.size()];
                }
                ids[n++] = queue.storeId();
            }
        }
        if (ids == null) {
            return null;
        }
        return store.add(message.toStored(), n == ids.length ? ids : java.util.Arrays.copyOf(ids, n));
    }

    // ---- recovery ----------------------------------------------------------------------------

    /** Recreates a durable exchange found in the store at start-up. */
    public synchronized void restoreExchange(ExchangeRecord record) {
        ExchangeType type = ExchangeType.fromAmqpName(record.type()).orElse(ExchangeType.DIRECT);
        if (!exchanges.containsKey(record.name())) {
            exchanges.put(record.name(), Exchange.create(name, record.name(), type, true, record.autoDelete(),
                    record.internal(), record.arguments()));
        }
    }

    /** Recreates a durable queue found in the store at start-up. */
    public synchronized MessageQueue restoreQueue(QueueRecord record) {
        QueueArguments parsed;
        try {
            parsed = QueueArguments.parse(record.name(), name, record.arguments());
        } catch (AmqpException invalid) {
            parsed = QueueArguments.NONE;
        }
        QueueSettings settings = new QueueSettings(record.name(), true, record.autoDelete(), null, record.arguments());
        MessageQueue queue = new MessageQueue(settings, parsed, name, record.id(), queuePool, queueHost);
        queues.put(record.name(), queue);
        return queue;
    }

    /** Recreates a durable binding found in the store at start-up; false if an end is missing. */
    public synchronized boolean restoreBinding(BindingRecord record) {
        Exchange source = exchanges.get(record.source());
        Destination destination = record.destinationIsExchange() ? exchanges.get(record.destination())
                : queues.get(record.destination());
        if (source == null || destination == null) {
            return false;
        }
        source.bind(destination, record.routingKey(), record.arguments());
        return true;
    }

    // ---- internals -------------------------------------------------------------------------

    private Exchange nonDefault(String exchangeName) {
        if (exchangeName.isEmpty()) {
            throw AmqpException.accessRefused("operation not permitted on the default exchange");
        }
        return exchange(exchangeName);
    }

    /** The queues' view of this vhost: dead-letter routing, self-deletion, ids, timers. */
    private final class Host implements QueueHost {
        private final QueueResources resources;

        Host(QueueResources resources) {
            this.resources = resources;
        }

        @Override
        public void deadLetter(Message copy, MessageQueue from) {
            List<MessageQueue> targets;
            try {
                targets = route(copy.exchange(), copy.routingKey(), copy.headers(), copy);
            } catch (AmqpException noSuchExchange) {
                return; // RabbitMQ drops dead letters whose exchange is missing
            }
            List<MessageQueue> kept = new ArrayList<>(targets.size());
            for (MessageQueue target : targets) {
                // a dead-letter cycle with no rejection in it is dropped, as RabbitMQ does
                if (target != from || rejectedOnTheWay(copy)) {
                    kept.add(target);
                }
            }
            persist(copy, kept);
            for (MessageQueue target : kept) {
                target.enqueue(copy);
            }
        }

        private static boolean rejectedOnTheWay(Message copy) {
            return copy.headers().get("x-death") instanceof List<?> deaths && deaths.stream()
                    .anyMatch(d -> d instanceof Map<?, ?> m && "rejected".equals(String.valueOf(m.get("reason"))));
        }

        @Override
        public void queueDeleted(MessageQueue queue) {
            forgetQueue(queue);
        }

        @Override
        public long nextMessageId() {
            return resources.messageIds().incrementAndGet();
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return resources.scheduler();
        }

        @Override
        public int queueMemoryWindow() {
            return resources.memoryWindow();
        }

        @Override
        public boolean countsMessages() {
            return resources.countsMessages();
        }

        @Override
        public MessageStore store() {
            return store;
        }
    }

    /** Removes a deleted queue from the map and from every binding, then auto-deletes exchanges left unbound. */
    private synchronized void forgetQueue(MessageQueue queue) {
        if (!queues.remove(queue.name(), queue)) {
            return;
        }
        for (Exchange exchange : List.copyOf(exchanges.values())) {
            unbindEverywhere(exchange, queue);
        }
        topology.queueDeleted(queue);
    }

    private void removeExchange(Exchange exchange) {
        exchanges.remove(exchange.name(), exchange);
        for (Binding b : exchange.bindings()) {
            topology.unbound(exchange, b.destination(), b.routingKey(), b.arguments());
        }
        topology.exchangeDeleted(exchange);
        for (Exchange other : List.copyOf(exchanges.values())) {
            unbindEverywhere(other, exchange);
        }
    }

    /** Removes every binding from {@code source} to {@code destination}, in memory and in the store. */
    private void unbindEverywhere(Exchange source, Destination destination) {
        if (!source.isBoundTo(destination)) {
            return;
        }
        for (Binding b : source.bindings()) {
            if (b.destination() == destination) {
                topology.unbound(source, destination, b.routingKey(), b.arguments());
            }
        }
        source.unbindAll(destination);
        autoDeleteIfUnbound(source);
    }

    private void autoDeleteIfUnbound(Exchange exchange) {
        if (exchange.autoDelete() && !exchange.hasBindings() && exchanges.get(exchange.name()) == exchange) {
            removeExchange(exchange);
        }
    }

    private AmqpException lockedQueue(String queueName) {
        return new AmqpException(ReplyCode.RESOURCE_LOCKED, "cannot obtain exclusive access to locked queue '"
                + queueName + "' in vhost '" + name + "'. It could be originally declared on another connection "
                + "or the exclusive property value does not match that of the original declaration.");
    }
}
