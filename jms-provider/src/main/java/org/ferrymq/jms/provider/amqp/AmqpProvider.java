package org.ferrymq.jms.provider.amqp;

import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;

import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderChannel;
import org.ferrymq.jms.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Provider} on one RabbitMQ client connection with automatic and topology recovery. */
final class AmqpProvider implements Provider {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpProvider.class);

    private final Connection connection;
    private final RecoveryReporter recovery;

    AmqpProvider(Connection connection, RecoveryReporter recovery) {
        this.connection = connection;
        this.recovery = recovery;
        if (connection instanceof Recoverable recoverable) {   // only with automatic recovery on
            recoverable.addRecoveryListener(recovery);
        }
    }

    @Override
    public ProviderChannel openChannel(boolean confirms) throws ProviderException {
        try {
            Channel channel = connection.createChannel();
            if (channel == null) {
                throw new ProviderException("no channel number left on " + description(), null);
            }
            return new AmqpProviderChannel(channel, confirms, "FerryMQ".equals(brokerProduct()));
        } catch (Exception e) {
            // while automatic recovery reconnects, say so: trying again shortly will work
            throw AmqpFailures.translate(connection.isOpen() ? "channel.open"
                    : "channel.open while the connection is lost and automatic recovery reconnects", e);
        }
    }

    @Override
    public boolean queueExists(String queue) throws ProviderException {
        try {
            return passive("queue " + queue, ch -> ch.queueDeclarePassive(queue));
        } catch (ProviderException e) {
            if (e.replyCode() == AMQP.RESOURCE_LOCKED) {
                return true;   // another connection's exclusive queue (a reply queue): it exists
            }
            throw e;
        }
    }

    @Override
    public boolean exchangeExists(String exchange) throws ProviderException {
        return passive("exchange " + exchange, ch -> ch.exchangeDeclarePassive(exchange));
    }

    @FunctionalInterface
    private interface Check {
        void run(Channel channel) throws Exception;
    }

    /** A failed passive declare closes its channel, so each check gets a throw-away one. */
    private boolean passive(String what, Check check) throws ProviderException {
        Channel channel = null;
        try {
            channel = connection.createChannel();
            check.run(channel);
            return true;
        } catch (Exception e) {
            if (AmqpFailures.isNotFound(e)) {
                return false;
            }
            throw AmqpFailures.translate("checking " + what, e);
        } finally {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (Exception ignored) {
                    // closing a throw-away channel
                }
            }
        }
    }

    @Override
    public void onFailure(FailureListener listener) {
        // reconnect attempts and topology recovery that fail, which the client only logs
        recovery.reportTo(listener, description());
        connection.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                LOG.warn("connection {} failed: {}", description(), cause.getMessage());
                listener.failed(AmqpFailures.fromSignal("connection lost", cause));
            }
        });
    }

    @Override
    public String brokerProduct() {
        return serverProperty("product");
    }

    @Override
    public String brokerVersion() {
        return Provider.brokerVersionOf(connection.getServerProperties());
    }

    @Override
    public boolean supportsXa() {
        return org.ferrymq.jms.provider.ServerCapabilities.has(connection.getServerProperties(),
                org.ferrymq.jms.provider.ServerCapabilities.XA);
    }

    private String serverProperty(String key) {
        Map<String, Object> props = connection.getServerProperties();
        Object v = props == null ? null : props.get(key);
        return v == null ? "unknown" : v.toString();
    }

    @Override
    public String description() {
        return connection.getClientProvidedName() + "@" + connection.getAddress() + ":" + connection.getPort();
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close();
            }
        } catch (Exception e) {
            LOG.debug("closing {}: {}", description(), e.toString());
        }
    }
}
