package org.ferrymq.bench.jms;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.jms.ConnectionFactory;
import org.ferrymq.bench.BrokerStartException;
import org.ferrymq.bench.FerryBrokerProcess;
import org.ferrymq.bench.JavaLauncher;
import org.ferrymq.jms.FerryConnectionFactory;

/**
 * FerryMQ over TCP: the broker in a JVM of its own ({@code BenchBroker}, as in the broker
 * benchmark), FerryMQ's JMS provider on an {@code amqp://} URI in the harness JVM. With an
 * external URI the broker is whatever listens there (e.g. RabbitMQ, to test the harness).
 */
final class FerryAmqpTarget implements JmsTarget {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String amqpUri;
    private final FerryBrokerProcess process;
    private final String description;
    private final DurableSendFactories<FerryConnectionFactory> factories;

    private FerryAmqpTarget(String amqpUri, FerryBrokerProcess process, String description) {
        this.amqpUri = amqpUri;
        this.process = process;
        this.description = description;
        this.factories = DurableSendFactories.ferryMq(amqpUri);
    }

    static FerryAmqpTarget startChild(String heap, Path log) throws TargetUnavailableException {
        List<String> jvmOptions = List.of("-Xms256m", "-Xmx" + heap, "-Dlogback.configurationFile=logback-bench.xml");
        try {
            FerryBrokerProcess process = FerryBrokerProcess.start(JavaLauncher.ofCurrentJvm(), jvmOptions, log, START_TIMEOUT);
            return new FerryAmqpTarget(process.amqpUri(), process,
                    "BenchBroker child JVM (-Xmx" + heap + ") at " + JmsBench.withoutCredentials(process.amqpUri())
                            + ", FerryConnectionFactory in the harness JVM");
        } catch (BrokerStartException e) {
            throw new TargetUnavailableException(e.getMessage(), e);
        }
    }

    static FerryAmqpTarget external(String amqpUri) {
        return new FerryAmqpTarget(amqpUri, null, "EXTERNAL broker at " + JmsBench.withoutCredentials(amqpUri)
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
    }
}
