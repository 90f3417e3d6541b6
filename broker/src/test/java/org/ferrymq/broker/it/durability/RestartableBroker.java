package org.ferrymq.broker.it.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.it.support.BrokerTarget;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * An embedded FerryMQ that a test can stop and start again on the same data directory, the way
 * an operator restarts a broker. One per test method (a fresh data directory each time):
 *
 * <pre>{@code
 * @RegisterExtension
 * final RestartableBroker broker = new RestartableBroker();
 * }</pre>
 *
 * <p>Restart tests are FerryMQ-only: the shared RabbitMQ must never be stopped, so when
 * {@code ferrymq.it.amqpUri} points the suite at an external broker the test is aborted (skipped).
 *
 * <p>Threading: used from the JUnit thread running the test.
 */
final class RestartableBroker implements BeforeEachCallback, AfterEachCallback {
    private final Consumer<BrokerConfig.Builder> config;
    private final List<Connection> connections = new ArrayList<>();
    private Path dataDir;
    private FerryBroker broker;
    private int starts;

    RestartableBroker() {
        this(b -> { });
    }

    RestartableBroker(Consumer<BrokerConfig.Builder> config) {
        this.config = config;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (BrokerTarget.externalUri() != null) {
            throw new TestAbortedException("restart tests need an embedded FerryMQ (the external broker is never restarted)");
        }
        dataDir = Files.createTempDirectory("ferrymq-durable-it-");
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        stop();
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Starts the broker on the data directory (a no-op if it is running). */
    void start() {
        if (broker == null) {
            broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).configure(config).start();
            starts++;
        }
    }

    /**
     * Stops the broker cleanly ({@link FerryBroker#close()}) while clients may still be connected
     * (the broker closes them), then drops the client side of those connections.
     */
    void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        for (Connection c : connections) {
            c.abort(1000);
        }
        connections.clear();
    }

    /** A clean stop and a start on the same data directory. */
    void restart() {
        stop();
        start();
    }

    int starts() {
        return starts;
    }

    Path dataDir() {
        return dataDir;
    }

    FerryBroker broker() {
        return broker;
    }

    ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(broker.amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout(5000);
        f.setHandshakeTimeout(5000);
        f.setShutdownTimeout(2000);
        f.setChannelRpcTimeout(10_000);
        return f;
    }

    /** A new connection to the running broker, dropped at the next stop. */
    Connection connect() throws IOException {
        try {
            Connection c = factory().newConnection("durable-it");
            connections.add(c);
            return c;
        } catch (TimeoutException e) {
            throw new IOException("connection timed out", e);
        }
    }

    /** A channel on a new connection to the running broker. */
    Channel channel() throws IOException {
        return connect().createChannel();
    }
}
