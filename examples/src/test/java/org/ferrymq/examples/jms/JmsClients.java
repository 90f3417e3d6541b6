package org.ferrymq.examples.jms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JMS clients of the test's {@link ExampleBroker} (embedded FerryMQ or the external broker),
 * closed after each test. Register it as an instance field after the static broker field, so it
 * closes its clients before the broker closes its AMQP connections.
 */
public final class JmsClients implements AfterEachCallback {
    private final ExampleBroker broker;
    private final List<AutoCloseable> clients = new ArrayList<>();

    public JmsClients(ExampleBroker broker) {
        this.broker = broker;
    }

    /** What {@code FERRYMQ_URI} would say: both FerryMQ and the RabbitMQ peer have guest/guest. */
    public JmsBroker jmsBroker() {
        return new JmsBroker("amqp://guest:guest@" + broker.host() + ":" + broker.port());
    }

    public ConnectionFactory factory() {
        return new FerryConnectionFactory(FerryJmsConfig.builder()
                .brokerUri(jmsBroker().uri())
                .confirmTimeout(Duration.ofSeconds(10))
                .automaticRecovery(false) // a test that loses its broker should fail, not wait
                .build());
    }

    /** A JMSContext closed after the test. */
    public JMSContext context() {
        return closeAfterTest(factory().createContext());
    }

    /** Registers a JMS connection (or anything else) to close after the test; returns it. */
    public <T extends AutoCloseable> T closeAfterTest(T client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<AutoCloseable> toClose;
        synchronized (clients) {
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                // the test's outcome is what matters; a broker that went away closes them anyway
            }
        }
    }
}
