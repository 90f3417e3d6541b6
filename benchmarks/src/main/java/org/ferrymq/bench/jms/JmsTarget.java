package org.ferrymq.bench.jms;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;

/**
 * One JMS provider under test, reached only through {@code jakarta.jms}: a connection factory
 * and how to name a queue or topic on it. Whatever brokers a target started, it stops in
 * {@link #close()}.
 */
public interface JmsTarget extends AutoCloseable {

    TargetId id();

    /** For the report header: which broker, version, transport and address. */
    String description();

    /**
     * The factory for a scenario's runs: a provider that can be told not to wait for the broker on
     * synchronous PERSISTENT sends gets that setting when {@link JmsScenario#blockOnDurableSend()} is false.
     */
    ConnectionFactory connectionFactory(JmsScenario scenario);

    default Queue queue(Session session, String name) throws JMSException {
        return session.createQueue(name);
    }

    default Topic topic(Session session, String name) throws JMSException {
        return session.createTopic(name);
    }

    /** Removes a run's queue from the broker afterwards (brokers shared with others must stay clean). */
    default void deleteQueueQuietly(String name) {
    }

    /** Null while the target can take a run; otherwise why not (e.g. its broker JVM died). */
    default String deathNotice() {
        return null;
    }

    @Override
    void close();
}
