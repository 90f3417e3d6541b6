package org.ferrymq.broker.management;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.ferrymq.broker.amqp.server.AmqpServer;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.config.RatesMode;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.model.VirtualHostRegistry;
import org.ferrymq.broker.model.exchange.Binding;
import org.ferrymq.broker.model.exchange.Exchange;
import org.ferrymq.broker.model.exchange.ExchangeType;
import org.ferrymq.broker.store.DefinitionStore;

/**
 * The broker's management API: read models as records, commands as methods. The console's HTTP
 * layer and any embedder use it; it is reached through {@code FerryBroker.management()}.
 *
 * <p>Reads take the broker's published snapshots (queue counts, binding snapshots, connection
 * snapshots made on each connection's event loop) and never block the message path. Commands go
 * through the same model methods AMQP clients use, so the same rules apply (reserved names,
 * equivalence, exclusivity). Errors come back as {@link ManagementException}.
 *
 * <p>Threading: thread-safe; calls that wait for a queue or a connection wait at most
 * {@value #WAIT_SECONDS} seconds.
 */
public final class BrokerManagement {
    static final int WAIT_SECONDS = 10;
    /** How often rates are sampled. */
    public static final int SAMPLE_INTERVAL_SECONDS = 5;

    private final BrokerConfig config;
    private final VirtualHostRegistry vhosts;
    private final AmqpServer server;
    private final DefinitionStore store;
    private final long startedAt = System.currentTimeMillis();
    private final UserAdministration users;
    private final MessageOperations messages;
    private final DefinitionsTransfer definitions = new DefinitionsTransfer(this);
    private final XaAdministration xa = new XaAdministration(this);
    /** Sampler thread writes; an hour of samples, one ring for the whole broker. */
    private final QueueLengths totalLengths = new QueueLengths(3600 / SAMPLE_INTERVAL_SECONDS, true);
    private final List<OverviewView.Listener> extraListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public BrokerManagement(BrokerConfig config, VirtualHostRegistry vhosts, org.ferrymq.broker.security.UserDirectory directory,
                            AmqpServer server, DefinitionStore store) {
        this.config = config;
        this.vhosts = vhosts;
        this.server = server;
        this.store = store;
        this.users = new UserAdministration(directory);
        this.messages = new MessageOperations(this, vhosts);
    }

    /** Users, tags and permissions. */
    public UserAdministration users() {
        return users;
    }

    /** Publish, get, browse, move, copy, delete messages. */
    public MessageOperations messages() {
        return messages;
    }

    /** Definitions export and import (RabbitMQ's definitions file), with a dry run. */
    public DefinitionsTransfer definitions() {
        return definitions;
    }

    /** XA transaction branches, and the operator's commit or rollback of a prepared one. */
    public XaAdministration xa() {
        return xa;
    }

    /** Lets a listener outside the broker (the console's HTTP port) show up in {@link #overview()}. */
    public void addListener(OverviewView.Listener listener) {
        extraListeners.add(listener);
    }

    // ---- overview --------------------------------------------------------------------------

    /**
     * The broker at a glance. Its queue totals are those of the last rate sample (at most
     * {@value #SAMPLE_INTERVAL_SECONDS} s old, as RabbitMQ's come from its statistics interval), so
     * the overview costs the same with 10 queues or 100,000; with rates off, or before the first
     * sample, it adds up every queue now.
     */
    public OverviewView overview() {
        int queues = 0;
        int exchanges = 0;
        for (VirtualHost vhost : vhosts.all()) {
            queues += vhost.queueCount();
            exchanges += vhost.exchanges().size() + 1; // + the default exchange
        }
        QueueTotals totals = sampledTotals;
        if (totals == null || !countsMessages()) {
            totals = addUpQueues();
        }
        long ready = totals.ready();
        long unacked = totals.unacked();
        long bytes = totals.readyBytes();
        double readyRate = totalLengths.rate(QueueLengths.Length.READY);
        double unackedRate = totalLengths.rate(QueueLengths.Length.UNACKED);
        long[] connectionTotals = await(server.connectionTotals());
        int channels = (int) connectionTotals[1];
        int consumers = (int) connectionTotals[2];
        List<OverviewView.Listener> listeners = new ArrayList<>();
        listeners.add(new OverviewView.Listener("amqp", config.host(), server.boundPort()));
        if (server.tlsAddress() != null) {
            listeners.add(new OverviewView.Listener("amqp/ssl", config.tls().host(), server.tlsAddress().getPort()));
        }
        listeners.addAll(extraListeners);
        return new OverviewView("FerryMQ", version(), "ferrymq@" + hostName(), startedAt, vhosts.all().size(), queues,
                exchanges, (int) connectionTotals[0], channels, consumers, ready, unacked, bytes, vhosts.counters(), listeners,
                new OverviewView.LengthRates(readyRate + unackedRate, readyRate, unackedRate), config.ratesMode().configName());
    }

    /** Ready and unacknowledged messages, and ready bytes, over every queue of every vhost. */
    private record QueueTotals(long ready, long unacked, long readyBytes) {
    }

    /** Set by each rate sample; null until the first. */
    private volatile QueueTotals sampledTotals;

    private QueueTotals addUpQueues() {
        long ready = 0;
        long unacked = 0;
        long bytes = 0;
        for (VirtualHost vhost : vhosts.all()) {
            for (MessageQueue q : vhost.queuesUncopied()) {
                ready += q.readyCountSnapshot();
                unacked += q.unackedCountSnapshot();
                bytes += q.readyBytesTotalSnapshot();
            }
        }
        return new QueueTotals(ready, unacked, bytes);
    }

    /** The broker's version (from the jar's manifest, or "dev" when run from classes). */
    public static String version() {
        String v = BrokerManagement.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** Looked up once: a name lookup per overview request costs more than the whole overview. */
    private static String hostName() {
        String name = hostName;
        if (name == null) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "localhost";
            }
            hostName = name;
        }
        return name;
    }

    private static volatile String hostName;

    /** RabbitMQ's {@code management.rates_mode} this broker runs with. */
    public RatesMode ratesMode() {
        return config.ratesMode();
    }

    /**
     * False with {@code management.rates_mode = none}: as in RabbitMQ (whose channels then collect
     * only coarse statistics), no message is counted, so there are no {@code message_stats}.
     */
    public boolean countsMessages() {
        return config.ratesMode() != RatesMode.NONE;
    }

    /**
     * Takes a rate sample of every counter, of every queue's lengths and of every connection's
     * octets. Called by the broker's timer every {@value #SAMPLE_INTERVAL_SECONDS} s, unless the
     * rates mode is {@code none} (then {@link #sampleTraffic()} only).
     */
    public void sampleRates() {
        long now = System.currentTimeMillis();
        boolean detailed = config.ratesMode() == RatesMode.DETAILED;
        vhosts.counters().sample(now);
        long allReady = 0;
        long allUnacked = 0;
        long allBytes = 0;
        for (VirtualHost vhost : vhosts.all()) {
            long vhostReady = 0;
            long vhostUnacked = 0;
            vhost.counters().sample(now, detailed);
            for (MessageQueue q : vhost.queues()) {
                MessageCounters c = q.counters();
                c.sample(now, detailed);
                int ready = q.readyCountSnapshot();
                int unacked = q.unackedCountSnapshot();
                allReady += ready;
                allUnacked += unacked;
                vhostReady += ready;
                vhostUnacked += unacked;
                allBytes += q.readyBytesTotalSnapshot();
                c.sampleLengths(now, ready, unacked, detailed);
            }
            vhost.counters().sampleLengths(now, vhostReady, vhostUnacked, detailed);
            for (Exchange e : vhost.exchanges()) {
                e.counters().sample(now, detailed);
            }
        }
        server.forEachConnectionCounters(c -> c.sample(now, detailed));
        totalLengths.sample(now, allReady, allUnacked);
        sampledTotals = new QueueTotals(allReady, allUnacked, allBytes);
        sampleTraffic(now, detailed);
    }

    /**
     * Takes a sample of every connection's and vhost's octet counts. {@link #sampleRates} does it
     * too; with {@code management.rates_mode = none} the broker's timer calls only this, as
     * RabbitMQ keeps connection data rates (coarse statistics) in every mode.
     */
    public void sampleTraffic() {
        sampleTraffic(System.currentTimeMillis(), config.ratesMode() == RatesMode.DETAILED);
    }

    private void sampleTraffic(long now, boolean detailed) {
        for (VirtualHost vhost : vhosts.all()) {
            vhost.traffic().sample(now, detailed);
        }
        server.forEachConnectionTraffic(t -> t.sample(now, detailed));
    }

    /**
     * All queues' lengths summed, sampled with the rates and kept for the last hour (one ring for
     * the broker): RabbitMQ's {@code queue_totals} samples with {@code lengths_age}.
     */
    public QueueLengths totalLengths() {
        return totalLengths;
    }

    // ---- vhosts ----------------------------------------------------------------------------

    public List<VhostView> vhosts() {
        List<VhostView> out = new ArrayList<>();
        for (String name : users.directory().vhosts()) {
            vhosts.find(name).ifPresent(v -> out.add(vhostView(v)));
        }
        out.sort(Comparator.comparing(VhostView::name));
        return out;
    }

    public Optional<VhostView> vhost(String name) {
        if (!users.directory().vhostExists(name)) {
            return Optional.empty();
        }
        return vhosts.find(name).map(this::vhostView);
    }

    private VhostView vhostView(VirtualHost vhost) {
        long ready = 0;
        long unacked = 0;
        long bytes = 0;
        int count = 0;
        for (MessageQueue q : vhost.queues()) {
            count++;
            ready += q.readyCountSnapshot();
            unacked += q.unackedCountSnapshot();
            bytes += q.readyBytesTotalSnapshot();
        }
        return new VhostView(vhost.name(), count, ready, unacked, bytes, vhost.counters(), vhost.traffic());
    }

    /** Creates a vhost (durable); answers false if it existed. */
    public synchronized boolean createVhost(String name) {
        if (name == null || name.isEmpty()) {
            throw ManagementException.badRequest("a vhost needs a name");
        }
        if (users.directory().vhostExists(name)) {
            return false;
        }
        if (store != null) {
            store.saveVhost(name);
        }
        vhosts.add(name);
        users.directory().addVhost(name);
        return true;
    }

    /** Deletes a vhost with everything in it; its connections are closed. */
    public synchronized void deleteVhost(String name) {
        if (!users.directory().vhostExists(name)) {
            throw ManagementException.notFound("no vhost '" + name + "'");
        }
        server.closeConnectionsTo(name, "vhost '" + name + "' is deleted");
        users.directory().removeVhost(name);
        vhosts.remove(name);
        if (store != null) {
            store.deleteVhost(name);
        }
    }

    /** The vhosts that exist (in the directory and the model). */
    List<VirtualHost> allVhosts() {
        List<VirtualHost> out = new ArrayList<>();
        for (String name : users.directory().vhosts()) {
            vhosts.find(name).ifPresent(out::add);
        }
        return out;
    }

    Optional<VirtualHost> findVhost(String name) {
        return users.directory().vhostExists(name) ? vhosts.find(name) : Optional.empty();
    }

    boolean bindingExists(Definitions.BindingDefinition b) {
        if (findVhost(b.vhost()).isEmpty()) {
            return false;
        }
        Map<String, Object> args = b.arguments() == null ? Map.of() : b.arguments();
        return bindings(b.vhost()).stream().anyMatch(x -> x.source().equals(b.source())
                && x.destination().equals(b.destination()) && x.destinationType().equals(b.destinationType())
                && x.routingKey().equals(b.routingKey()) && x.arguments().equals(args));
    }

    VirtualHost requireVhost(String name) {
        if (!users.directory().vhostExists(name)) {
            throw ManagementException.notFound("no vhost '" + name + "'");
        }
        return vhosts.find(name).orElseThrow(() -> ManagementException.notFound("no vhost '" + name + "'"));
    }

    // ---- queues ----------------------------------------------------------------------------

    /** Every queue of every vhost (or of {@code vhost} if not null). */
    public List<QueueView> queues(String vhost) {
        List<QueueView> out = new ArrayList<>();
        for (VirtualHost v : vhost == null ? vhosts.all() : List.of(requireVhost(vhost))) {
            for (MessageQueue q : v.queues()) {
                out.add(queueView(q));
            }
        }
        return out;
    }

    public Optional<QueueView> queue(String vhost, String name) {
        return requireVhost(vhost).findQueue(name).map(BrokerManagement::queueView);
    }

    static QueueView queueView(MessageQueue q) {
        return new QueueView(q.vhost(), q.name(), q.durable(), q.settings().autoDelete(), q.exclusive(),
                q.settings().arguments() == null ? Map.of() : withoutNulls(q.settings().arguments()),
                q.readyCountSnapshot(), q.unackedCountSnapshot(), q.consumerCountSnapshot(), q.readyBytesTotalSnapshot(),
                q.pagedOutSnapshot(), q.counters());
    }

    public QueueView declareQueue(String vhost, String name, boolean durable, boolean autoDelete,
                                  Map<String, Object> arguments) {
        VirtualHost v = requireVhost(vhost);
        if (name == null || name.isEmpty()) {
            throw ManagementException.badRequest("a queue needs a name");
        }
        MessageQueue q = amqp(() -> v.declareQueue(name, false, false, durable, false, autoDelete,
                arguments == null ? Map.of() : arguments, null));
        return queueView(q);
    }

    /** Deletes a queue; answers the number of ready messages dropped. */
    public int deleteQueue(String vhost, String name, boolean ifUnused, boolean ifEmpty) {
        VirtualHost v = requireVhost(vhost);
        MessageQueue q = requireQueue(v, name);
        return await(amqp(() -> v.deleteQueue(name, ifUnused, ifEmpty, q.settings().exclusiveOwner())));
    }

    /** Removes the queue's ready messages; answers how many. */
    public int purgeQueue(String vhost, String name) {
        return await(requireQueue(requireVhost(vhost), name).purge());
    }

    MessageQueue requireQueue(VirtualHost v, String name) {
        return v.findQueue(name).orElseThrow(() ->
                ManagementException.notFound("no queue '" + name + "' in vhost '" + v.name() + "'"));
    }

    // ---- exchanges -------------------------------------------------------------------------

    public List<ExchangeView> exchanges(String vhost) {
        List<ExchangeView> out = new ArrayList<>();
        for (VirtualHost v : vhost == null ? vhosts.all() : List.of(requireVhost(vhost))) {
            out.add(defaultExchange(v.name()));
            for (Exchange e : v.exchanges()) {
                out.add(exchangeView(e));
            }
        }
        return out;
    }

    public Optional<ExchangeView> exchange(String vhost, String name) {
        VirtualHost v = requireVhost(vhost);
        if (name.isEmpty() || name.equals("amq.default")) {
            return Optional.of(defaultExchange(vhost));
        }
        return v.findExchange(name).map(BrokerManagement::exchangeView);
    }

    private ExchangeView defaultExchange(String vhost) {
        return new ExchangeView(vhost, "", "direct", true, false, false, Map.of(), requireVhost(vhost).counters());
    }

    static ExchangeView exchangeView(Exchange e) {
        return new ExchangeView(e.vhost(), e.name(), e.type().amqpName(), e.durable(), e.autoDelete(), e.internal(),
                e.arguments() == null ? Map.of() : withoutNulls(e.arguments()), e.counters());
    }

    public ExchangeView declareExchange(String vhost, String name, String type, boolean durable, boolean autoDelete,
                                        boolean internal, Map<String, Object> arguments) {
        VirtualHost v = requireVhost(vhost);
        if (type == null || ExchangeType.fromAmqpName(type).isEmpty()) {
            throw ManagementException.badRequest("unknown exchange type '" + type + "'");
        }
        return exchangeView(amqp(() -> v.declareExchange(name, type, false, durable, autoDelete, internal,
                arguments == null ? Map.of() : arguments)));
    }

    public void deleteExchange(String vhost, String name, boolean ifUnused) {
        VirtualHost v = requireVhost(vhost);
        if (!name.isEmpty() && v.findExchange(name).isEmpty()) {
            throw ManagementException.notFound("no exchange '" + name + "' in vhost '" + vhost + "'");
        }
        amqp(() -> {
            v.deleteExchange(name, ifUnused);
            return null;
        });
    }

    // ---- bindings --------------------------------------------------------------------------

    /** Every binding of a vhost (or all vhosts), default-exchange bindings included. */
    public List<BindingView> bindings(String vhost) {
        List<BindingView> out = new ArrayList<>();
        for (VirtualHost v : vhost == null ? vhosts.all() : List.of(requireVhost(vhost))) {
            for (MessageQueue q : v.queues()) {
                out.add(new BindingView(v.name(), "", q.name(), "queue", q.name(), Map.of()));
            }
            for (Exchange e : v.exchanges()) {
                for (Binding b : e.bindings()) {
                    out.add(bindingView(v.name(), b));
                }
            }
        }
        return out;
    }

    private static BindingView bindingView(String vhost, Binding b) {
        String type = b.destination() instanceof MessageQueue ? "queue" : "exchange";
        return new BindingView(vhost, b.source(), b.destination().name(), type, b.routingKey(),
                b.arguments() == null ? Map.of() : withoutNulls(b.arguments()));
    }

    /** Binds {@code destination} (a queue when {@code toQueue}, else an exchange) to {@code source}. */
    public void bind(String vhost, String source, boolean toQueue, String destination, String routingKey,
                     Map<String, Object> arguments) {
        VirtualHost v = requireVhost(vhost);
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        String key = routingKey == null ? "" : routingKey;
        if (toQueue) {
            MessageQueue q = requireQueue(v, destination);
            amqp(() -> {
                v.bindQueue(destination, source, key, args, q.settings().exclusiveOwner());
                return null;
            });
        } else {
            amqp(() -> {
                v.bindExchange(destination, source, key, args);
                return null;
            });
        }
    }

    /** Removes the binding whose properties key ({@link BindingView#propertiesKey()}) is {@code propertiesKey}. */
    public void unbind(String vhost, String source, boolean toQueue, String destination, String propertiesKey) {
        VirtualHost v = requireVhost(vhost);
        BindingView found = bindings(vhost).stream()
                .filter(b -> b.source().equals(source) && b.destination().equals(destination)
                        && b.destinationType().equals(toQueue ? "queue" : "exchange")
                        && b.propertiesKey().equals(propertiesKey))
                .findFirst().orElseThrow(() -> ManagementException.notFound("no such binding"));
        if (source.isEmpty()) {
            throw new ManagementException(ManagementException.Kind.FORBIDDEN,
                    "operation not permitted on the default exchange");
        }
        amqp(() -> {
            if (toQueue) {
                v.unbindQueue(destination, source, found.routingKey(), found.arguments(),
                        requireQueue(v, destination).settings().exclusiveOwner());
            } else {
                v.unbindExchange(destination, source, found.routingKey(), found.arguments());
            }
            return null;
        });
    }

    // ---- connections -----------------------------------------------------------------------

    /** Every open connection with its channels and consumers. */
    public List<ConnectionSnapshot> connections() {
        return await(server.snapshotConnections());
    }

    /** Closes a connection by its name with CONNECTION_FORCED and the reason given. */
    public void closeConnection(String name, String reason) {
        String text = reason == null || reason.isBlank() ? "Closed via management plugin" : reason;
        if (!server.closeConnection(name, text)) {
            throw ManagementException.notFound("no connection '" + name + "'");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Runs a model call, turning its AMQP errors into management errors. */
    static <T> T amqp(Supplier<T> call) {
        try {
            return call.get();
        } catch (AmqpException e) {
            throw fromAmqp(e);
        } catch (IllegalArgumentException e) {
            throw ManagementException.badRequest(e.getMessage());
        }
    }

    static ManagementException fromAmqp(AmqpException e) {
        ManagementException.Kind kind = switch (e.replyCode()) {
            case NOT_FOUND -> ManagementException.Kind.NOT_FOUND;
            case ACCESS_REFUSED -> ManagementException.Kind.FORBIDDEN;
            default -> ManagementException.Kind.BAD_REQUEST;
        };
        return new ManagementException(kind, e.replyText());
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManagementException(ManagementException.Kind.CONFLICT, "interrupted");
        } catch (TimeoutException e) {
            throw new ManagementException(ManagementException.Kind.CONFLICT, "the broker did not answer within "
                    + WAIT_SECONDS + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AmqpException amqp) {
                throw fromAmqp(amqp);
            }
            if (e.getCause() instanceof ManagementException m) {
                throw m;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Field tables may hold nulls (void values); the read models are immutable maps without them. */
    static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
