package org.ferrymq.bench.jms;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.jms.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.provider.vm.VmBrokers;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.Transports;

/**
 * FerryMQ through its in-process transport. By default the harness starts a {@link FerryBroker}
 * in its own JVM (store in a temp dir), registers it for {@code vm:} connections under
 * {@value #BROKER_NAME} and connects a {@link FerryConnectionFactory} to {@code vm://jmsbench};
 * with an explicit URI ({@code --vm-uri}) the transport finds or starts its broker itself.
 * Until the jms-provider has a {@code vm:} transport this target is "not available" and the run
 * goes on without it.
 */
final class FerryVmTarget implements JmsTarget {
    static final String BROKER_NAME = "jmsbench";

    private final String uri;
    private final FerryBroker broker;
    private final Path dataDir;
    private final DurableSendFactories<FerryConnectionFactory> factories;

    private FerryVmTarget(String uri, FerryBroker broker, Path dataDir) {
        this.uri = uri;
        this.broker = broker;
        this.dataDir = dataDir;
        this.factories = DurableSendFactories.ferryMq(uri);
    }

    static FerryVmTarget start(Optional<String> explicitUri) throws TargetUnavailableException {
        try {
            Transports.forUri(URI.create("vm://default"));
        } catch (ProviderException e) {
            throw new TargetUnavailableException("not available: no vm:// transport in this build (" + e.getMessage() + ")", e);
        }
        if (explicitUri.isPresent()) {
            return new FerryVmTarget(explicitUri.get(), null, null);
        }
        Path dataDir = TempDirs.create("ferrymq-jmsbench-vm");
        FerryBroker broker;
        try {
            broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
        } catch (RuntimeException e) {
            TempDirs.deleteQuietly(dataDir);
            throw new TargetUnavailableException("broker failed to start: " + e, e);
        }
        VmBrokers.register(BROKER_NAME, broker);
        return new FerryVmTarget("vm://" + BROKER_NAME, broker, dataDir);
    }

    @Override
    public TargetId id() {
        return TargetId.FERRYMQ_VM;
    }

    @Override
    public String description() {
        return broker != null
                ? "FerryBroker embedded in the harness JVM (store in a temp dir), FerryConnectionFactory(\"" + uri + "\")"
                : "FerryConnectionFactory(\"" + uri + "\"), broker found or started by the vm:// transport";
    }

    @Override
    public ConnectionFactory connectionFactory(JmsScenario scenario) {
        return factories.forScenario(scenario);
    }

    @Override
    public void close() {
        if (broker == null) {
            return;
        }
        VmBrokers.unregister(BROKER_NAME);
        broker.close();
        TempDirs.deleteQuietly(dataDir);
    }
}
