package org.ferrymq.jms.provider.amqp;

import java.net.URI;
import java.util.Set;

import com.rabbitmq.client.ConnectionFactory;

import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.ProviderFactory;
import org.ferrymq.jms.provider.ProviderOptions;

/**
 * The {@code amqp://user:pass@host:port/vhost} and {@code amqps://} transport: AMQP 0-9-1 over
 * TCP with the RabbitMQ Java client, so it talks to FerryMQ and to RabbitMQ alike. Automatic
 * connection recovery and topology recovery are on; failures reach the ExceptionListener.
 */
public final class AmqpProviderFactory implements ProviderFactory {
    @Override
    public Set<String> schemes() {
        return Set.of("amqp", "amqps");
    }

    @Override
    public Provider connect(URI uri, String user, String password, ProviderOptions options) throws ProviderException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            boolean tls = "amqps".equalsIgnoreCase(uri.getScheme());
            // setUri("amqps://...") would trust every certificate: take the address from the amqp:// form instead
            factory.setUri(tls ? new URI("amqp" + uri.toString().substring("amqps".length())) : uri);
            if ("/".equals(uri.getRawPath())) {
                factory.setVirtualHost("/");   // "amqp://host/" means the default vhost here, not the empty one
            }
            if (tls) {
                if (uri.getPort() == -1) {
                    factory.setPort(ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT);
                }
                factory.useSslProtocol(SslContexts.forClient(options.tls()));
                factory.enableHostnameVerification();
            }
        } catch (ProviderException e) {
            throw e;
        } catch (Exception e) {
            throw new ProviderException("bad broker URI " + uri + ": " + e.getMessage(), e);
        }
        if (user != null) {
            factory.setUsername(user);
        }
        if (password != null) {
            factory.setPassword(password);
        }
        factory.setAutomaticRecoveryEnabled(options.automaticRecovery());
        factory.setTopologyRecoveryEnabled(options.automaticRecovery());
        factory.setChannelRpcTimeout((int) Math.max(1000, options.confirmTimeout().toMillis()));
        try {
            return new AmqpProvider(factory.newConnection(options.connectionName()));
        } catch (Exception e) {
            throw AmqpFailures.translate("connecting to " + factory.getHost() + ":" + factory.getPort(), e);
        }
    }
}
