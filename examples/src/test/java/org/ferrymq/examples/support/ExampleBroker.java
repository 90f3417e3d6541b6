package org.ferrymq.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The broker an example test talks to: an embedded FerryMQ on an ephemeral port, or the external
 * broker named by the system property {@value #EXTERNAL_URI_PROPERTY} (the RabbitMQ peer, say).
 * Register it as a static extension field; connections opened through it are closed after each
 * test, the embedded broker after the class.
 */
public final class ExampleBroker implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    public static final String EXTERNAL_URI_PROPERTY = "ferrymq.it.amqpUri";

    private final List<Connection> connections = new ArrayList<>();
    private ConnectionFactory factory;
    private FerryBroker embedded;
    private Path dataDir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        factory = new ConnectionFactory();
        factory.setConnectionTimeout(5_000);
        factory.setHandshakeTimeout(5_000);
        factory.setShutdownTimeout(2_000);
        String external = System.getProperty(EXTERNAL_URI_PROPERTY, "");
        if (external.isBlank()) {
            dataDir = Files.createTempDirectory("ferrymq-examples-");
            embedded = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
            factory.setUri(embedded.amqpUri());
        } else {
            factory.setUri(external);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (connections) {
            for (Connection connection : connections) {
                if (connection.isOpen()) {
                    connection.abort(2_000);
                }
            }
            connections.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        afterEach(context);
        if (embedded != null) {
            embedded.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(ExampleBroker::deleteQuietly);
            }
        }
    }

    public String host() {
        return factory.getHost();
    }

    public int port() {
        return factory.getPort();
    }

    /** AMQP_HOST and AMQP_PORT, for the Python scripts and the Java programs' main methods. */
    public Map<String, String> clientEnvironment() {
        return Map.of("AMQP_HOST", host(), "AMQP_PORT", Integer.toString(port()));
    }

    /** A new connection, closed after the test. */
    public Connection connect() throws Exception {
        Connection connection = factory.newConnection();
        synchronized (connections) {
            connections.add(connection);
        }
        return connection;
    }

    /** A channel on a new connection, closed after the test. */
    public Channel channel() throws Exception {
        return connect().createChannel();
    }

    /** Deletes what a test declared; missing ones are fine (each delete on its own channel). */
    public void deleteQueues(String... queues) throws Exception {
        try (Connection connection = factory.newConnection()) {
            for (String queue : queues) {
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(queue);
                } catch (IOException | RuntimeException e) {
                    // already gone
                }
            }
        }
    }

    public void deleteExchanges(String... exchanges) throws Exception {
        try (Connection connection = factory.newConnection()) {
            for (String exchange : exchanges) {
                try (Channel channel = connection.createChannel()) {
                    channel.exchangeDelete(exchange);
                } catch (IOException | RuntimeException e) {
                    // already gone
                }
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
