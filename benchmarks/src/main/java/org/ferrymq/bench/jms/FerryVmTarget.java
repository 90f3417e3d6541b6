package org.ferrymq.bench.jms;

import java.net.URI;
import java.nio.file.Path;

import jakarta.jms.ConnectionFactory;
import org.ferrymq.broker.FerryBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.Transports;

/**
 * FerryMQ through its in-process transport: a {@link FerryBroker} in the harness JVM (store in
 * a temp dir) and a {@link FerryConnectionFactory} on a {@code vm://} URI. Until the jms-provider
 * has a transport for {@code vm://} this target is "not available" and the run goes on without it.
 */
final class FerryVmTarget implements JmsTarget {
    private final String uri;
    private final FerryBroker broker;
    private final Path dataDir;
    private final FerryConnectionFactory factory;

    private FerryVmTarget(String uri, FerryBroker broker, Path dataDir) {
        this.uri = uri;
        this.broker = broker;
        this.dataDir = dataDir;
        this.factory = new FerryConnectionFactory(uri);
    }

    static FerryVmTarget start(String uri) throws TargetUnavailableException {
        try {
            Transports.forUri(URI.create(uri));
        } catch (ProviderException | IllegalArgumentException e) {
            throw new TargetUnavailableException("not available: no vm:// transport in this build (" + e.getMessage() + ")", e);
        }
        // The in-JVM broker the vm:// transport talks to; its AMQP listener is idle in this target.
        Path dataDir = TempDirs.create("ferrymq-jmsbench-vm");
        try {
            FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0).dataDir(dataDir).start();
            return new FerryVmTarget(uri, broker, dataDir);
        } catch (RuntimeException e) {
            TempDirs.deleteQuietly(dataDir);
            throw new TargetUnavailableException("broker failed to start: " + e, e);
        }
    }

    @Override
    public TargetId id() {
        return TargetId.FERRYMQ_VM;
    }

    @Override
    public String description() {
        return "embedded FerryBroker in the harness JVM (store in a temp dir), FerryConnectionFactory(\"" + uri + "\")";
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public void close() {
        broker.close();
        TempDirs.deleteQuietly(dataDir);
    }
}
