package org.ferrymq.broker;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.ferrymq.broker.alarm.ResourceAlarm;
import org.ferrymq.broker.alarm.ResourceMonitor;
import org.ferrymq.broker.amqp.server.AmqpServer;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.management.BrokerManagement;
import org.ferrymq.broker.model.QueueResources;
import org.ferrymq.broker.model.VirtualHostRegistry;
import org.ferrymq.broker.security.UserDirectory;
import org.ferrymq.broker.store.MessageStore;
import org.ferrymq.broker.store.RecoveredState;
import org.ferrymq.broker.store.StoreSettings;
import org.ferrymq.broker.store.h2.H2MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running parts of a broker, wired together: the queue thread pool, the model, the listener. */
final class BrokerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRuntime.class);

    private final ExecutorService queuePool;
    private final ScheduledExecutorService scheduler;
    private final MessageStore store;
    private final VirtualHostRegistry vhosts;
    private final AmqpServer server;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BrokerManagement management;

    private BrokerRuntime(ExecutorService queuePool, ScheduledExecutorService scheduler, MessageStore store,
                          VirtualHostRegistry vhosts, AmqpServer server, InetSocketAddress address,
                          BrokerManagement management) {
        this.management = management;
        this.queuePool = queuePool;
        this.scheduler = scheduler;
        this.store = store;
        this.vhosts = vhosts;
        this.server = server;
        this.address = address;
    }

    static BrokerRuntime start(BrokerConfig config) {
        ExecutorService queuePool = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("ferrymq-queue-"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("ferrymq-timer-"));
        MessageStore store;
        try {
            // the page cache takes a sixteenth of the heap, at most 64 MB: a small broker stays small
            int cacheMb = (int) Math.max(4, Math.min(64, Runtime.getRuntime().maxMemory() / (16L << 20)));
            store = H2MessageStore.open(config.dataDir(), StoreSettings.defaults().withCacheSizeMb(cacheMb));
        } catch (RuntimeException e) {
            queuePool.shutdownNow();
            scheduler.shutdownNow();
            throw new IllegalStateException("cannot open the store in " + config.dataDir() + ": " + e.getMessage(), e);
        }
        VirtualHostRegistry vhosts = new VirtualHostRegistry(config.vhosts(),
                new QueueResources(queuePool, scheduler, new AtomicLong(), store, config.queueMemoryWindow(),
                        config.ratesMode() != org.ferrymq.broker.config.RatesMode.NONE));
        RecoveredState recovered = BrokerRecovery.recover(store, vhosts);
        UserDirectory users = UserDirectory.seeded(config, recovered.vhosts(), recovered.users(),
                recovered.permissions(), store);
        ResourceAlarm alarm = new ResourceAlarm();
        scheduler.scheduleWithFixedDelay(new ResourceMonitor(vhosts::queuedBytesInMemory, config.memoryHighWatermark(),
                config.dataDir(), config.diskFreeLimit(), alarm), 250, 250, TimeUnit.MILLISECONDS);
        AmqpServer server = new AmqpServer(config, vhosts, users, alarm);
        try {
            InetSocketAddress address = server.start();
            BrokerManagement management = new BrokerManagement(config, vhosts, users, server, store);
            if (config.ratesMode() != org.ferrymq.broker.config.RatesMode.NONE) {
                scheduler.scheduleAtFixedRate(management::sampleRates, BrokerManagement.SAMPLE_INTERVAL_SECONDS,
                        BrokerManagement.SAMPLE_INTERVAL_SECONDS, TimeUnit.SECONDS);
                management.sampleRates(); // the baseline, so the first rates come one interval from now
            } else {
                // RabbitMQ's none still keeps connection data rates: octets only, no message counter
                scheduler.scheduleAtFixedRate(management::sampleTraffic, BrokerManagement.SAMPLE_INTERVAL_SECONDS,
                        BrokerManagement.SAMPLE_INTERVAL_SECONDS, TimeUnit.SECONDS);
                management.sampleTraffic();
            }
            return new BrokerRuntime(queuePool, scheduler, store, vhosts, server, address, management);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            queuePool.shutdownNow();
            scheduler.shutdownNow();
            store.close();
            throw new IllegalStateException("interrupted while starting the AMQP listener", e);
        } catch (RuntimeException e) { // a port in use, an unreadable TLS key...: already in operator words
            server.close();
            queuePool.shutdownNow();
            scheduler.shutdownNow();
            store.close();
            throw e;
        }
    }

    org.ferrymq.broker.alarm.ResourceUsage resourceUsage() {
        return server.resourceUsage();
    }

    int amqpPort() {
        return address.getPort();
    }

    InetSocketAddress tlsAddress() {
        return server.tlsAddress();
    }

    java.net.SocketAddress localAddress() {
        return server.localAddress();
    }

    BrokerManagement management() {
        return management;
    }

    VirtualHostRegistry vhosts() {
        return vhosts;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        scheduler.shutdownNow();
        queuePool.shutdown();
        try {
            if (!queuePool.awaitTermination(5, TimeUnit.SECONDS)) {
                queuePool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queuePool.shutdownNow();
        }
        store.close();
        LOG.info("Broker stopped");
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
