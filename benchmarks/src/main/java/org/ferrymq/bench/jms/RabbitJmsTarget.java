package org.ferrymq.bench.jms;

import com.rabbitmq.jms.admin.RMQConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

/**
 * RabbitMQ's own JMS client ({@code com.rabbitmq.jms:rabbitmq-jms}, the Jakarta line) against the
 * RabbitMQ peer, with the client's default settings.
 */
final class RabbitJmsTarget implements JmsTarget {
    private final String amqpUri;
    private final String serverDescription;
    private final RMQConnectionFactory factory;

    private RabbitJmsTarget(String amqpUri, String serverDescription, RMQConnectionFactory factory) {
        this.amqpUri = amqpUri;
        this.serverDescription = serverDescription;
        this.factory = factory;
    }

    static RabbitJmsTarget connect(String amqpUri) throws TargetUnavailableException {
        String server;
        try {
            server = org.ferrymq.bench.BrokerAdmin.serverDescription(amqpUri);
        } catch (Exception e) {
            throw new TargetUnavailableException("RabbitMQ peer not reachable at " + JmsBench.withoutCredentials(amqpUri)
                    + ": " + e.getMessage() + " (start it with scripts/rabbitmq-peer.sh start)", e);
        }
        RMQConnectionFactory factory = new RMQConnectionFactory();
        try {
            factory.setUri(amqpUri);
        } catch (JMSException e) {
            throw new TargetUnavailableException("bad RabbitMQ URI " + JmsBench.withoutCredentials(amqpUri) + ": " + e.getMessage(), e);
        }
        return new RabbitJmsTarget(amqpUri, server, factory);
    }

    @Override
    public TargetId id() {
        return TargetId.RABBITMQ_JMS;
    }

    @Override
    public String description() {
        return "RabbitMQ JMS client " + clientVersion() + " (defaults; a PERSISTENT send does not wait for a publisher confirm) → " + serverDescription + " at "
                + JmsBench.withoutCredentials(amqpUri);
    }

    @Override
    /** The same factory for every scenario: this client's synchronous PERSISTENT sends never wait for the broker. */
    public ConnectionFactory connectionFactory(JmsScenario scenario) {
        return factory;
    }

    @Override
    public void deleteQueueQuietly(String name) {
        AmqpQueueCleanup.deleteQuietly(amqpUri, name);
    }

    @Override
    public void close() {
        // nothing started: the peer is shared and long-running
    }

    private static String clientVersion() {
        String version = RMQConnectionFactory.class.getPackage().getImplementationVersion();
        return version != null ? version : "(version unknown)";
    }
}
