package org.ferrymq.broker.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.broker.config.BrokerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker an integration test class talks to: an embedded FerryMQ started once per class, or,
 * when the system property {@value #URI_PROPERTY} is set, that external broker (a real RabbitMQ,
 * which is how the suite is proven to describe RabbitMQ's behaviour).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final BrokerTarget broker = BrokerTarget.any();
 * }</pre>
 *
 * <p>Per test it hands out connections and channels (closed after the test), unique resource
 * names (queues and exchanges with these names are deleted after the test) and a
 * {@link ConnectionFactory} already pointed at the broker, with automatic recovery off so that
 * a closed connection stays closed.
 *
 * <p>Threading: used from the JUnit thread running the class; not for parallel test methods.
 */
public final class BrokerTarget
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ExecutionCondition {
    public static final String URI_PROPERTY = "ferrymq.it.amqpUri";
    private static final Logger LOG = LoggerFactory.getLogger(BrokerTarget.class);
    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() % 1_000_000);

    private final boolean embeddedOnly;
    private final Consumer<BrokerConfig.Builder> config;

    private FerryBroker broker;
    private Path dataDir;
    private String host;
    private int port;
    private String vhost = "/";
    private String username = "guest";
    private String password = "guest";
    private String testName = "setup";
    private Connection sharedConnection;
    private final List<Connection> connections = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private BrokerTarget(boolean embeddedOnly, Consumer<BrokerConfig.Builder> config) {
        this.embeddedOnly = embeddedOnly;
        this.config = config;
    }

    /** The embedded broker with default settings, or the external one if the URI property is set. */
    public static BrokerTarget any() {
        return new BrokerTarget(false, b -> { });
    }

    /**
     * An embedded broker with FerryMQ-specific configuration. Against an external broker every
     * test of the class is reported as skipped, since that broker cannot be given this configuration.
     */
    public static BrokerTarget embeddedOnly(Consumer<BrokerConfig.Builder> config) {
        return new BrokerTarget(true, config);
    }

    public static String externalUri() {
        String uri = System.getProperty(URI_PROPERTY);
        return uri == null || uri.isBlank() ? null : uri.trim();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (embeddedOnly && externalUri() != null && context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.disabled("FerryMQ-only configuration; skipped against " + externalUri());
        }
        return ConditionEvaluationResult.enabled("broker available");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String external = externalUri();
        if (external != null) {
            if (embeddedOnly) {
                return; // every test is disabled by evaluateExecutionCondition
            }
            URI uri = URI.create(external);
            host = uri.getHost();
            port = uri.getPort() == -1 ? 5672 : uri.getPort();
            if (uri.getUserInfo() != null) {
                String[] userInfo = uri.getUserInfo().split(":", 2);
                username = userInfo[0];
                password = userInfo.length > 1 ? userInfo[1] : "";
            }
            String path = uri.getPath();
            if (path != null && path.length() > 1) {
                vhost = java.net.URLDecoder.decode(path.substring(1), java.nio.charset.StandardCharsets.UTF_8);
            }
            return;
        }
        dataDir = Files.createTempDirectory("ferrymq-it-");
        broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).configure(config).start();
        host = broker.host();
        port = broker.amqpPort();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dataDir = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestClass().getSimpleName().replace("IT", "") + "-"
                + context.getTestMethod().map(m -> m.getName()).orElse("test");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Connection c : connections) {
            closeQuietly(c);
        }
        connections.clear();
        sharedConnection = null;
        if (!names.isEmpty()) {
            deleteResources();
            names.clear();
        }
    }

    private void deleteResources() {
        try (Connection c = factory().newConnection("brokerit-cleanup")) {
            Channel ch = c.createChannel();
            for (String name : names) {
                try {
                    ch.queueDelete(name);
                } catch (IOException | RuntimeException e) {
                    ch = c.createChannel();
                }
                try {
                    ch.exchangeDelete(name);
                } catch (IOException | RuntimeException e) {
                    ch = c.createChannel();
                }
            }
        } catch (Exception e) {
            LOG.warn("cleanup of {} failed: {}", names, e.toString());
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c.isOpen()) {
                c.close(2000);
            }
        } catch (Exception e) {
            c.abort(1000);
        }
    }

    /** True when the test runs against the embedded FerryMQ (not an external broker). */
    public boolean isEmbedded() {
        return broker != null;
    }

    public FerryBroker broker() {
        return broker;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String vhost() {
        return vhost;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A fresh factory for this broker: guest credentials, 5 s timeouts, no automatic recovery. */
    public ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setVirtualHost(vhost);
        f.setUsername(username);
        f.setPassword(password);
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout(5000);
        f.setHandshakeTimeout(5000);
        f.setShutdownTimeout(2000);
        f.setChannelRpcTimeout(10_000);
        return f;
    }

    /** A new connection, closed after the test. */
    public Connection connect() throws IOException {
        return connect(factory());
    }

    /** A new connection from the given factory, closed after the test. */
    public Connection connect(ConnectionFactory factory) throws IOException {
        try {
            Connection c = factory.newConnection("brokerit-" + testName);
            connections.add(c);
            return c;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("connection timed out", e);
        }
    }

    /** The test's default connection (opened on first use). */
    public Connection connection() throws IOException {
        if (sharedConnection == null || !sharedConnection.isOpen()) {
            sharedConnection = connect();
        }
        return sharedConnection;
    }

    /** A new channel on the test's default connection. */
    public Channel channel() throws IOException {
        return connection().createChannel();
    }

    /** A name unique to this test run, for a queue or exchange; deleted (as both) after the test. */
    public String name(String role) {
        String name = "brokerit-" + testName + "-" + role + "-" + UNIQUE.incrementAndGet();
        names.add(name);
        return name;
    }

    /** Registers a server-named resource for deletion after the test. */
    public String track(String name) {
        names.add(name);
        return name;
    }

    /** A raw socket speaking AMQP by hand, for tests below the client library. */
    public RawAmqpClient raw() throws IOException {
        return new RawAmqpClient(host, port);
    }
}
