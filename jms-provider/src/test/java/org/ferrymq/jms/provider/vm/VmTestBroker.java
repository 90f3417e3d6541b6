package org.ferrymq.jms.provider.vm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.ProviderOptions;

/**
 * The embedded FerryMQ the vm:// tests talk to, started once per test JVM and registered as
 * {@value #NAME}; the tests reach it only through {@code vm://?broker=vm-it} URIs. These tests
 * are FerryMQ-only by nature (there is no in-process RabbitMQ), so {@code ferrymq.it.amqpUri}
 * does not apply to them.
 */
final class VmTestBroker {
    static final String NAME = "vm-it";
    static final String URI_TEXT = "vm://?broker=" + NAME;
    private static FerryBroker broker;

    private VmTestBroker() {
    }

    static synchronized FerryBroker broker() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("ferrymq-vm-it");
                broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dir).start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            FerryBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            VmBrokers.register(NAME, broker);
        }
        return broker;
    }

    static FerryConnectionFactory factory() {
        return new FerryConnectionFactory(config().build());
    }

    static FerryJmsConfig.Builder config() {
        broker();
        return FerryJmsConfig.builder().brokerUri(URI_TEXT).confirmTimeout(Duration.ofSeconds(10));
    }

    static String name(String what) {
        return "vm-it." + what + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A provider-level connection for inspecting queues (also in-process). */
    static VmProvider admin() throws ProviderException {
        broker();
        return (VmProvider) new VmProviderFactory().connect(URI.create(URI_TEXT), null, null,
                new ProviderOptions("vm-it-admin", Duration.ofSeconds(10), false));
    }

    static long messageCount(String queue) throws ProviderException {
        try (VmProvider admin = admin(); VmProviderChannel ch = (VmProviderChannel) admin.openChannel(false)) {
            return ch.declarePassive(queue).messageCount();
        }
    }
}
