package org.ferrymq.bench.jms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.jms.ConnectionFactory;
import org.ferrymq.bench.BrokerStartException;
import org.ferrymq.bench.FerryBrokerProcess;
import org.ferrymq.bench.BenchOptions;
import org.ferrymq.bench.FerryLauncher;
import org.ferrymq.bench.TreeDeletion;
import org.ferrymq.jms.FerryConnectionFactory;

/**
 * FerryMQ over TCP: the broker started as users start it ({@code ./ferrymq}, as in the
 * broker benchmark), FerryMQ's JMS provider on an {@code amqp://} URI in the harness JVM. With an
 * external URI the broker is whatever listens there (e.g. RabbitMQ, to test the harness).
 */
final class FerryAmqpTarget implements JmsTarget {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String amqpUri;
    private final FerryBrokerProcess process;
    private final Path dataDir;
    private final String description;
    private final DurableSendFactories<FerryConnectionFactory> factories;

    private FerryAmqpTarget(String amqpUri, FerryBrokerProcess process, Path dataDir, String description) {
        this.amqpUri = amqpUri;
        this.process = process;
        this.dataDir = dataDir;
        this.description = description;
        this.factories = DurableSendFactories.ferryMq(amqpUri);
    }

    /** {@code ./ferrymq} with its defaults on a fresh data directory on the checkout's disk (deleted on close). */
    static FerryAmqpTarget startChild(Path log) throws TargetUnavailableException {
        Path dataDir;
        try {
            Files.createDirectories(BenchOptions.DEFAULT_BROKER_DATA_DIR);
            dataDir = Files.createTempDirectory(BenchOptions.DEFAULT_BROKER_DATA_DIR, "jms-amqp-").toAbsolutePath();
        } catch (IOException e) {
            throw new TargetUnavailableException("cannot create a data directory: " + e.getMessage(), e);
        }
        try {
            FerryBrokerProcess process = FerryBrokerProcess.start(FerryLauncher.locate(), dataDir, log, START_TIMEOUT);
            return new FerryAmqpTarget(process.amqpUri(), process, dataDir,
                    "./ferrymq (its defaults, no JAVA_OPTS) at " + JmsBench.withoutCredentials(process.amqpUri())
                            + ", FerryConnectionFactory in the harness JVM");
        } catch (BrokerStartException | IOException e) {
            TreeDeletion.deleteQuietly(dataDir);
            throw new TargetUnavailableException(e.getMessage(), e);
        }
    }

    static FerryAmqpTarget external(String amqpUri) {
        return new FerryAmqpTarget(amqpUri, null, null, "EXTERNAL broker at " + JmsBench.withoutCredentials(amqpUri)
                + " (not a FerryMQ started by the harness), FerryConnectionFactory in the harness JVM");
    }

    @Override
    public TargetId id() {
        return TargetId.FERRYMQ_AMQP;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ConnectionFactory connectionFactory(JmsScenario scenario) {
        return factories.forScenario(scenario);
    }

    @Override
    public void deleteQueueQuietly(String name) {
        AmqpQueueCleanup.deleteQuietly(amqpUri, name);
    }

    @Override
    public String deathNotice() {
        return process == null ? null : process.deathNotice();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        if (dataDir != null) {
            TreeDeletion.deleteQuietly(dataDir);
        }
    }
}
