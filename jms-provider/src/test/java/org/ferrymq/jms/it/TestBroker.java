package org.ferrymq.jms.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;

/**
 * The broker the integration tests talk to: the one named by {@code -Dferrymq.it.amqpUri=...}
 * (e.g. the RabbitMQ peer), else an embedded FerryMQ started once for the whole run.
 * Also a plain RabbitMQ-client connection for setting up and cleaning up AMQP objects, which
 * tests name with the {@code jms-it.} prefix and register for deletion.
 */
public final class TestBroker {
    private static String uri;
    private static FerryBroker embedded;
    private static Connection admin;
    private static final List<String> QUEUES = new CopyOnWriteArrayList<>();
    private static final List<String> EXCHANGES = new CopyOnWriteArrayList<>();

    private TestBroker() {
    }

    public static synchronized String amqpUri() {
        if (uri == null) {
            String external = System.getProperty("ferrymq.it.amqpUri");
            if (external != null && !external.isBlank()) {
                uri = external;
            } else {
                try {
                    Path dir = Files.createTempDirectory("ferrymq-jms-it");
                    embedded = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dir).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
                    uri = "amqp://guest:guest@127.0.0.1:" + embedded.amqpPort();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (UnsupportedOperationException e) {
                    // the embedded server has not landed yet: skip rather than fail
                    throw new org.opentest4j.TestAbortedException(
                            "embedded FerryMQ cannot start yet (" + e.getMessage() + "); run with -Dferrymq.it.amqpUri=...");
                }
            }
        }
        return uri;
    }

    public static boolean isExternal() {
        amqpUri();
        return embedded == null;
    }

    /**
     * A vm:// factory into the same embedded FerryMQ the amqp:// tests use (so {@link #messageCount}
     * and {@link #cleanUp()} see its queues); FerryMQ-only: aborts the test against an external broker.
     */
    public static synchronized FerryConnectionFactory vmFactory() {
        amqpUri();
        if (embedded == null) {
            throw new org.opentest4j.TestAbortedException("vm:// needs the embedded FerryMQ, not " + uri);
        }
        org.ferrymq.jms.provider.vm.VmBrokers.register(VM_NAME, embedded);
        return new FerryConnectionFactory(FerryJmsConfig.builder().brokerUri("vm://?broker=" + VM_NAME)
                .confirmTimeout(java.time.Duration.ofSeconds(10)).build());
    }

    private static final String VM_NAME = "jms-it";

    public static FerryConnectionFactory factory() {
        return new FerryConnectionFactory(config().build());
    }

    public static FerryJmsConfig.Builder config() {
        return FerryJmsConfig.builder().brokerUri(amqpUri()).confirmTimeout(java.time.Duration.ofSeconds(10));
    }

    /** A unique name with the test prefix; queues of that name are deleted by {@link #cleanUp()}. */
    public static String queueName(String what) {
        String name = "jms-it." + what + "." + UUID.randomUUID().toString().substring(0, 8);
        QUEUES.add(name);
        return name;
    }

    public static String exchange(String what, String type) throws Exception {
        String name = "jms-it." + what + "." + UUID.randomUUID().toString().substring(0, 8);
        EXCHANGES.add(name);
        try (Channel ch = admin().createChannel()) {
            ch.exchangeDeclare(name, type, false, false, null);
        }
        return name;
    }

    /** Registers a queue some JMS call created (durable subscriptions, ...) for deletion. */
    public static void deleteLater(String queue) {
        QUEUES.add(queue);
        if (queue.startsWith("jms.durable.") || queue.startsWith("jms.shared-durable.")) {
            QUEUES.add("jms.subscription-def." + queue);
        }
    }

    public static synchronized Connection admin() throws Exception {
        if (admin == null || !admin.isOpen()) {
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(amqpUri());
            admin = f.newConnection("jms-it-admin");
        }
        return admin;
    }

    /**
     * Embedded FerryMQ only: closes this JMS connection's AMQP connection on the broker side with
     * CONNECTION_FORCED, as an operator would; its automatic recovery then reconnects.
     */
    public static void forceClose(org.ferrymq.jms.FerryConnection connection, String reason) {
        if (embedded == null) {
            throw new org.opentest4j.TestAbortedException("closing a connection needs the embedded FerryMQ");
        }
        String name = "ferrymq-jms-" + connection.connectionId();
        String broker = embedded.management().connections().stream()
                .map(org.ferrymq.broker.management.ConnectionSnapshot::connection)
                .filter(c -> name.equals(String.valueOf(c.clientProperties().get("connection_name"))))
                .map(org.ferrymq.broker.management.ConnectionView::name)
                .findFirst().orElseThrow(() -> new IllegalStateException("no broker connection named " + name));
        embedded.management().closeConnection(broker, reason);
    }

    public static long messageCount(String queue) throws Exception {
        try (Channel ch = admin().createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        }
    }

    public static void cleanUp() throws Exception {
        for (String q : QUEUES) {
            try (Channel ch = admin().createChannel()) {
                ch.queueDelete(q);
            } catch (Exception ignored) {
                // already gone
            }
        }
        QUEUES.clear();
        for (String e : EXCHANGES) {
            try (Channel ch = admin().createChannel()) {
                ch.exchangeDelete(e);
            } catch (Exception ignored) {
                // already gone
            }
        }
        EXCHANGES.clear();
    }
}
