package org.ferrymq.bench.jms;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQJMSConnectionFactory;

/**
 * ActiveMQ Artemis's Jakarta JMS client (default settings but for the confirmation window), in-VM or over TCP to the
 * {@link ArtemisBroker} embedded in the harness JVM. Its synchronous PERSISTENT sends wait for the broker
 * (Artemis's default) except in a scenario that says they must not, where its factory has blockOnDurableSend=false.
 */
final class ArtemisTarget implements JmsTarget {
    static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;

    private final TargetId id;
    private final ArtemisBroker broker;
    private final String url;
    private final DurableSendFactories<ActiveMQJMSConnectionFactory> factories;

    private ArtemisTarget(TargetId id, ArtemisBroker broker, String url) {
        this.id = id;
        this.broker = broker.use();
        this.url = url;
        this.factories = new DurableSendFactories<>(factory(url, true), factory(url, false));
    }

    private static ActiveMQJMSConnectionFactory factory(String url, boolean blockOnDurableSend) {
        ActiveMQJMSConnectionFactory factory = new ActiveMQJMSConnectionFactory(url);
        // Without a confirmation window Artemis calls a CompletionListener at once, before the
        // broker has the message (it logs AMQ212053 saying so); its docs ask for this setting.
        factory.setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES);
        factory.setBlockOnDurableSend(blockOnDurableSend);
        return factory;
    }

    static ArtemisTarget inVm(ArtemisBroker broker) {
        return new ArtemisTarget(TargetId.ARTEMIS_INVM, broker, ArtemisBroker.IN_VM_URL);
    }

    static ArtemisTarget tcp(ArtemisBroker broker) {
        return new ArtemisTarget(TargetId.ARTEMIS_TCP, broker, broker.tcpUrl());
    }

    @Override
    public TargetId id() {
        return id;
    }

    @Override
    public String description() {
        return "ActiveMQ Artemis " + ArtemisBroker.version() + " embedded in the harness JVM (NIO journal, persistence on), "
                + "ActiveMQJMSConnectionFactory(\"" + url + "\"), confirmationWindowSize 1 MiB (so CompletionListener waits for the broker)";
    }

    @Override
    public ConnectionFactory connectionFactory(JmsScenario scenario) {
        return factories.forScenario(scenario);
    }

    @Override
    public void close() {
        factories.blocking().close();
        factories.nonBlocking().close();
        broker.close();
    }
}
