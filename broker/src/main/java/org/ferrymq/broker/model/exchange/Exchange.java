package org.ferrymq.broker.model.exchange;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.ferrymq.broker.errors.AmqpException;

/**
 * An exchange: its declared properties, its bindings, and (in each subclass, one per
 * {@link ExchangeType}) how a message's routing key and headers select destinations.
 *
 * <h2>Threads</h2>
 * {@link #route} is called concurrently from every connection's event loop and never locks:
 * each subclass keeps its routing table as immutable snapshots behind volatile references
 * (or, for the direct exchange, immutable per-key arrays in a concurrent map) and replaces
 * them on each change. {@link #bind}, {@link #unbind} and {@link #unbindAll} are rare; the
 * virtual host calls them under its own lock, and they also synchronize on the exchange so
 * that writers are serialized whatever the caller does. The binding index used by writers
 * ({@link #bindings()}, identity checks) is guarded by that monitor.
 */
public abstract class Exchange implements Destination {

    /** The exchange argument naming the exchange that receives unroutable messages. */
    public static final String ALTERNATE_EXCHANGE = "alternate-exchange";

    private final String vhost;
    private final String name;
    private final boolean durable;
    private final boolean autoDelete;
    private final boolean internal;
    private final Map<String, Object> arguments;
    private final org.ferrymq.broker.management.MessageCounters counters =
            org.ferrymq.broker.management.MessageCounters.perObject();

    // writer side, guarded by this
    private final Map<BindingIdentity, RoutedBinding> bindingsByIdentity = new LinkedHashMap<>();
    private final Map<Destination, Set<BindingIdentity>> identitiesByDestination = new HashMap<>();
    private volatile int bindingCount;

    protected Exchange(String vhost, String name, boolean durable, boolean autoDelete,
                       boolean internal, Map<String, Object> arguments) {
        this.vhost = Objects.requireNonNull(vhost, "vhost");
        this.name = Objects.requireNonNull(name, "name");
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.internal = internal;
        this.arguments = FieldValues.immutableTable(arguments);
    }

    /**
     * A new exchange of the given type, with no bindings.
     *
     * @throws org.ferrymq.broker.errors.AmqpException 406 PRECONDITION_FAILED if an argument
     *         RabbitMQ checks has the wrong type (see {@link #validateArguments})
     */
    public static Exchange create(String vhost, String name, ExchangeType type, boolean durable,
                                  boolean autoDelete, boolean internal,
                                  Map<String, Object> arguments) {
        validateArguments(vhost, name, arguments);
        return switch (type) {
            case DIRECT -> new DirectExchange(vhost, name, durable, autoDelete, internal, arguments);
            case FANOUT -> new FanoutExchange(vhost, name, durable, autoDelete, internal, arguments);
            case TOPIC -> new TopicExchange(vhost, name, durable, autoDelete, internal, arguments);
            case HEADERS -> new HeadersExchange(vhost, name, durable, autoDelete, internal, arguments);
        };
    }

    /**
     * Checks declare arguments as RabbitMQ does: {@code alternate-exchange} must be a long
     * string (not a byte array, AMQP type 'x'); other arguments are not interpreted.
     *
     * @throws org.ferrymq.broker.errors.AmqpException 406 PRECONDITION_FAILED, e.g.
     *         {@code invalid type 'signedint' for arg 'alternate-exchange' in exchange 'x' in vhost '/'}
     */
    public static void validateArguments(String vhost, String name, Map<String, Object> arguments) {
        if (arguments != null && arguments.containsKey(ALTERNATE_EXCHANGE)) {
            Object value = arguments.get(ALTERNATE_EXCHANGE);
            if (!(value instanceof CharSequence)) {
                throw AmqpException.preconditionFailed("invalid type '" + FieldValues.amqpTypeName(value)
                        + "' for arg '" + ALTERNATE_EXCHANGE + "' in exchange '" + name
                        + "' in vhost '" + vhost + "'");
            }
        }
    }

    /** Messages published to this exchange (publish_in), for management views. */
    public org.ferrymq.broker.management.MessageCounters counters() {
        return counters;
    }

    @Override
    public String name() {
        return name;
    }

    /** The name of the virtual host this exchange lives in (used in error texts). */
    public String vhost() {
        return vhost;
    }

    public abstract ExchangeType type();

    public boolean durable() {
        return durable;
    }

    public boolean autoDelete() {
        return autoDelete;
    }

    public boolean internal() {
        return internal;
    }

    /** The declare arguments, unmodifiable. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** The {@code alternate-exchange} argument, if it is set to a string. */
    public Optional<String> alternateExchange() {
        Object value = arguments.get(ALTERNATE_EXCHANGE);
        return value instanceof CharSequence name ? Optional.of(name.toString()) : Optional.empty();
    }

    /**
     * Adds a binding from this exchange to {@code destination}.
     *
     * @return false if the same binding (destination, key and arguments) already existed
     * @throws org.ferrymq.broker.errors.AmqpException 406 PRECONDITION_FAILED if the exchange
     *         type rejects the arguments (a headers binding with a bad {@code x-match})
     */
    public final synchronized boolean bind(Destination destination, String routingKey,
                                           Map<String, Object> arguments) {
        Objects.requireNonNull(destination, "destination");
        String key = routingKey == null ? "" : routingKey;
        Map<String, Object> table = FieldValues.immutableTable(arguments);
        BindingIdentity identity = BindingIdentity.of(destination, key, table);
        if (bindingsByIdentity.containsKey(identity)) {
            return false;
        }
        validateBinding(table);
        Destination target = SelectedDestination.routeTarget(destination, table);
        Binding binding = new Binding(name, destination, key, table);
        bindingsByIdentity.put(identity, new RoutedBinding(binding, target));
        identitiesByDestination.computeIfAbsent(destination, d -> new LinkedHashSet<>()).add(identity);
        bindingCount = bindingsByIdentity.size();
        bindingAdded(binding, target);
        return true;
    }

    /** Removes one binding; false if there was no such binding. */
    public final synchronized boolean unbind(Destination destination, String routingKey,
                                             Map<String, Object> arguments) {
        Objects.requireNonNull(destination, "destination");
        String key = routingKey == null ? "" : routingKey;
        BindingIdentity identity =
                BindingIdentity.of(destination, key, FieldValues.immutableTable(arguments));
        RoutedBinding removed = bindingsByIdentity.remove(identity);
        if (removed == null) {
            return false;
        }
        Set<BindingIdentity> identities = identitiesByDestination.get(destination);
        identities.remove(identity);
        if (identities.isEmpty()) {
            identitiesByDestination.remove(destination);
        }
        bindingCount = bindingsByIdentity.size();
        bindingRemoved(removed.binding(), removed.target());
        return true;
    }

    /** Removes every binding to {@code destination}, when that queue or exchange is deleted. */
    public final synchronized void unbindAll(Destination destination) {
        Set<BindingIdentity> identities = identitiesByDestination.remove(destination);
        if (identities == null) {
            return;
        }
        for (BindingIdentity identity : identities) {
            RoutedBinding removed = bindingsByIdentity.remove(identity);
            bindingCount = bindingsByIdentity.size();
            bindingRemoved(removed.binding(), removed.target());
        }
    }

    /** Whether any binding has this exchange as its source (auto-delete, delete if-unused). */
    public boolean hasBindings() {
        return bindingCount > 0;
    }

    /** Whether any binding from this exchange points at {@code destination}. */
    public synchronized boolean isBoundTo(Destination destination) {
        return identitiesByDestination.containsKey(destination);
    }

    /** A snapshot of this exchange's bindings, in the order they were made. */
    public synchronized List<Binding> bindings() {
        return bindingsByIdentity.values().stream().map(RoutedBinding::binding).toList();
    }

    /**
     * Emits each destination bound to this exchange that matches the routing key and headers,
     * each at most once, without locking. Exchanges among them are emitted as destinations
     * too; {@link ExchangeRouter} follows them.
     *
     * @param routingKey the message's routing key; null is treated as {@code ""}
     * @param headers    the message's headers table; null is treated as empty
     */
    public abstract void route(String routingKey, Map<String, Object> headers,
                               Consumer<Destination> out);

    /**
     * Checks a redeclaration against this exchange as RabbitMQ does: type, durable,
     * auto_delete, internal, then the {@code alternate-exchange} argument (other arguments
     * are not compared).
     *
     * @throws org.ferrymq.broker.errors.AmqpException 406 PRECONDITION_FAILED with RabbitMQ's
     *         text, e.g. {@code inequivalent arg 'type' for exchange 'logs' in vhost '/':
     *         received 'direct' but current is 'fanout'}
     */
    public void checkEquivalent(ExchangeType type, boolean durable, boolean autoDelete,
                                boolean internal, Map<String, Object> arguments) {
        EquivalenceCheck check = new EquivalenceCheck("exchange '" + name + "' in vhost '" + vhost + "'");
        check.field("type", type.amqpName(), type().amqpName());
        check.field("durable", durable, this.durable);
        check.field("auto_delete", autoDelete, this.autoDelete);
        check.field("internal", internal, this.internal);
        check.argument(ALTERNATE_EXCHANGE, FieldValues.immutableTable(arguments), this.arguments);
    }

    /** Rejects binding arguments this exchange type cannot use; by default accepts all. */
    protected void validateBinding(Map<String, Object> arguments) {
    }

    /**
     * A new binding, already recorded; update the routing snapshot so that matching messages
     * reach {@code target}: the binding's destination, or a {@link SelectedDestination} around
     * it when the binding has a selector. Called under the monitor.
     */
    protected abstract void bindingAdded(Binding binding, Destination target);

    /** A binding just removed, with the target it was added with; update the routing snapshot. Called under the monitor. */
    protected abstract void bindingRemoved(Binding binding, Destination target);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "['" + name + "' in vhost '" + vhost + "']";
    }

    /** A binding and what it puts in the routing table. */
    private record RoutedBinding(Binding binding, Destination target) {
    }

    /** Binding identity: destination, key and arguments compared by typed content. */
    private record BindingIdentity(Destination destination, String routingKey, Object arguments) {
        static BindingIdentity of(Destination destination, String routingKey,
                                  Map<String, Object> arguments) {
            return new BindingIdentity(destination, routingKey, FieldValues.identityKey(arguments));
        }
    }
}
