package org.ferrymq.ra;

import java.nio.file.Path;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.provider.vm.VmBrokers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FerryMQ broker the resource adapter runs inside the application server with
 * {@code embeddedBroker=true}: started with the adapter, registered for {@code vm://ferrymq-ra}
 * connections, closed (clients disconnected, data flushed) when the adapter stops.
 *
 * <p>Threading: started and closed by the adapter's lifecycle calls.
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    static final String NAME = "ferrymq-ra";
    static final String VM_URI = "vm://" + NAME;

    private final FerryBroker broker;
    private final Path dataDir;

    private EmbeddedBroker(FerryBroker broker, Path dataDir) {
        this.broker = broker;
        this.dataDir = dataDir;
    }

    static EmbeddedBroker start(String host, Integer amqpPort, String dataDir) {
        Path dir = dataDir != null ? Path.of(dataDir) : defaultDataDir();
        FerryBroker broker = FerryBroker.builder()
                .host(host != null ? host : "127.0.0.1")
                .amqpPort(amqpPort != null ? amqpPort : 0)
                .dataDir(dir)
                .start();
        VmBrokers.register(NAME, broker);
        EmbeddedBroker started = new EmbeddedBroker(broker, dir);
        LOG.info("FerryMQ embedded broker started: {}", started.describe());
        return started;
    }

    /** {@code <server data dir>/ferrymq}: WildFly's jboss.server.data.dir, Payara's instance root, else the temp dir. */
    static Path defaultDataDir() {
        String wildfly = System.getProperty("jboss.server.data.dir");
        if (wildfly != null) {
            return Path.of(wildfly, "ferrymq");
        }
        String glassfish = System.getProperty("com.sun.aas.instanceRoot");
        if (glassfish != null) {
            return Path.of(glassfish, "data", "ferrymq");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "ferrymq-ra");
    }

    String describe() {
        return "embedded broker " + VM_URI + ", AMQP " + broker.amqpUri() + ", data in " + dataDir.toAbsolutePath();
    }

    int amqpPort() {
        return broker.amqpPort();
    }

    @Override
    public void close() {
        VmBrokers.unregister(NAME);
        broker.close();
        LOG.info("FerryMQ embedded broker stopped ({})", dataDir.toAbsolutePath());
    }
}
