package org.ferrymq.jms.provider.vm;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brokers {@code vm:} connections can reach: those an application registered by name, and
 * an embedded default broker started on first use (once per data directory per JVM) and closed
 * by a shutdown hook.
 *
 * <pre>{@code
 * FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir).start();
 * VmBrokers.register("orders", broker);
 * new FerryConnectionFactory("vm://?broker=orders");
 * }</pre>
 *
 * <p>Threading: thread-safe.
 */
public final class VmBrokers {
    private static final Logger LOG = LoggerFactory.getLogger(VmBrokers.class);
    private static final Map<String, FerryBroker> REGISTERED = new ConcurrentHashMap<>();
    /** Guarded by the class lock. */
    private static final Map<Path, FerryBroker> EMBEDDED = new HashMap<>();

    private VmBrokers() {
    }

    /**
     * Makes {@code broker} reachable as {@code vm://?broker=<name>}; the name {@code default}
     * makes it the one {@code vm://default} uses. The caller keeps ownership (closes it).
     */
    public static void register(String name, FerryBroker broker) {
        REGISTERED.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(broker, "broker"));
    }

    /** Forgets a registration; the broker itself keeps running. */
    public static void unregister(String name) {
        REGISTERED.remove(name);
    }

    /** Where to connect for an address: a named broker must be registered. */
    static SocketAddress localAddress(VmAddress address) throws ProviderException {
        return broker(address).localAddress();
    }

    static FerryBroker broker(VmAddress address) throws ProviderException {
        if (address.brokerName() != null) {
            FerryBroker named = REGISTERED.get(address.brokerName());
            if (named == null) {
                throw new ProviderException("no in-process FerryMQ broker registered as '" + address.brokerName()
                        + "' (VmBrokers.register); registered: " + REGISTERED.keySet(), null);
            }
            return named;
        }
        FerryBroker chosen = REGISTERED.get(VmAddress.DEFAULT_NAME);
        if (chosen == null && REGISTERED.size() == 1) {
            chosen = REGISTERED.values().iterator().next();   // the one broker this JVM runs
        }
        return chosen != null ? chosen : embedded(address.dataDir());
    }

    private static synchronized FerryBroker embedded(Path requestedDir) throws ProviderException {
        Path dir = requestedDir != null ? requestedDir.toAbsolutePath()
                : Path.of(System.getProperty("java.io.tmpdir"), "ferrymq-vm-" + ProcessHandle.current().pid());
        FerryBroker broker = EMBEDDED.get(dir);
        if (broker == null) {
            try {
                broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dir).start();
            } catch (RuntimeException e) {
                throw new ProviderException("cannot start the embedded FerryMQ broker in " + dir + ": " + e, e);
            }
            LOG.info("Started an embedded FerryMQ broker for vm:// connections (data in {}, AMQP port {})",
                    dir, broker.amqpPort());
            FerryBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "ferrymq-vm-broker-shutdown"));
            EMBEDDED.put(dir, broker);
        }
        return broker;
    }
}
