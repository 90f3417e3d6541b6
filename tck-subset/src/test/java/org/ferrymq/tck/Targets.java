package org.ferrymq.tck;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.provider.Transports;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the three targets once per test run: starts the embedded FerryMQ both FerryMQ targets
 * share, looks for the vm:// transport, reads the RabbitMQ peer URI. Kept in JUnit's root store
 * so the broker is stopped when the run ends.
 */
final class Targets implements ExtensionContext.Store.CloseableResource {
    private static final Logger log = LoggerFactory.getLogger(Targets.class);

    /** {@code RABBITMQ_PEER_URI} env var or this system property enables the RabbitMQ target. */
    static final String RABBITMQ_URI_PROPERTY = "ferrymq.tck.rabbitmqUri";
    /** The URI of the in-process transport, when not the default (see {@link #vmTarget}). */
    static final String VM_URI_PROPERTY = "ferrymq.tck.vmUri";

    private final Map<TargetKind, Target> targets = new EnumMap<>(TargetKind.class);
    private FerryBroker broker;
    private Path dataDir;

    Targets() {
        String embeddedProblem = startEmbeddedBroker();
        String amqpUri = broker == null ? null : "amqp://guest:guest@127.0.0.1:" + broker.amqpPort();
        targets.put(TargetKind.FERRYMQ, embeddedProblem == null
                ? new Target(TargetKind.FERRYMQ, amqpUri, amqpUri, null)
                : Target.unavailable(TargetKind.FERRYMQ, embeddedProblem));
        targets.put(TargetKind.VM, vmTarget(amqpUri, embeddedProblem));
        targets.put(TargetKind.RABBITMQ, rabbitMqTarget());
        targets.values().forEach(t -> log.info("TCK target {}: {}", t.kind().label(),
                t.available() ? t.brokerUri() : "skipped, " + t.unavailableReason()));
    }

    Target get(TargetKind kind) {
        return targets.get(kind);
    }

    private String startEmbeddedBroker() {
        try {
            dataDir = Files.createTempDirectory("ferrymq-tck");
            broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
            return null;
        } catch (RuntimeException | IOException e) {
            return "embedded FerryMQ did not start: " + e;
        }
    }

    /**
     * The in-process target. {@code vm://} alone is not a valid {@link URI}, so the default is
     * {@code vm://tck}: the embedded broker is registered under that name when the transport
     * offers a registry ({@code VmBrokers.register}); otherwise {@code vm://default} lets the
     * transport pick (or start) its own broker.
     */
    private Target vmTarget(String amqpUri, String embeddedProblem) {
        String configured = System.getProperty(VM_URI_PROPERTY);
        String vmUri = configured != null ? configured : "vm://default";
        try {
            Transports.forUri(URI.create(vmUri));
        } catch (Exception e) {
            return Target.unavailable(TargetKind.VM, "no vm:// transport in the provider yet (" + e.getMessage() + ")");
        }
        if (embeddedProblem != null) {
            return Target.unavailable(TargetKind.VM, embeddedProblem);
        }
        if (configured == null && registerForVm("tck")) {
            vmUri = "vm://tck";
        }
        return new Target(TargetKind.VM, vmUri, amqpUri, null);
    }

    /** Makes the embedded broker reachable as vm://name, if the transport has a broker registry. */
    private boolean registerForVm(String name) {
        try {
            Class<?> registry = Class.forName("org.ferrymq.jms.provider.vm.VmBrokers");
            registry.getMethod("register", String.class, FerryBroker.class).invoke(null, name, broker);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("vm:// transport has no broker registry ({}); using its default broker", e.toString());
            return false;
        }
    }

    private static Target rabbitMqTarget() {
        String uri = System.getProperty(RABBITMQ_URI_PROPERTY);
        if (uri == null || uri.isBlank()) {
            uri = System.getenv("RABBITMQ_PEER_URI");
        }
        if (uri == null || uri.isBlank()) {
            return Target.unavailable(TargetKind.RABBITMQ,
                    "set RABBITMQ_PEER_URI or -D" + RABBITMQ_URI_PROPERTY + " to run against RabbitMQ");
        }
        return new Target(TargetKind.RABBITMQ, uri, uri, null);
    }

    @Override
    public void close() {
        Admin.closeAll();
        if (targets.get(TargetKind.VM).available() && "vm://tck".equals(targets.get(TargetKind.VM).brokerUri())) {
            try {
                Class.forName("org.ferrymq.jms.provider.vm.VmBrokers").getMethod("unregister", String.class).invoke(null, "tck");
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("could not unregister vm://tck", e);
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                log.debug("could not delete {}", dataDir, e);
            }
        }
    }
}
