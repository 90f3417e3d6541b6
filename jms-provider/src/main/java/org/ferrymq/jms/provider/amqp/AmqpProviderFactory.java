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
 * Several comma-separated hosts name the nodes of a cluster (see {@link BrokerAddresses}).
 */
public final class AmqpProviderFactory implements ProviderFactory {
    @Override
    public Set<String> schemes() {
        return Set.of("amqp", "amqps");
    }

    @Override
    public Provider connect(URI uri, String user, String password, ProviderOptions options) throws ProviderException {
        ConnectionFactory factory = new ConnectionFactory();
        BrokerAddresses addresses = BrokerAddresses.of(uri);
        boolean tls = "amqps".equalsIgnoreCase(uri.getScheme());
        try {
            URI first = addresses.firstNode();
            // setUri("amqps://...") would trust every certificate: take the address from the amqp:// form instead
            factory.setUri(tls ? new URI("amqp" + first.toString().substring("amqps".length())) : first);
            if ("/".equals(uri.getRawPath())) {
                factory.setVirtualHost("/");   // "amqp://host/" means the default vhost here, not the empty one
            }
            if (tls) {   // a node without a port then gets 5671
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
        factory.setNetworkRecoveryInterval(options.recoveryInterval().toMillis());
        RecoveryReporter recovery = new RecoveryReporter();
        factory.setExceptionHandler(recovery);
        factory.setChannelRpcTimeout((int) Math.max(1000, options.confirmTimeout().toMillis()));
        try {
            return new AmqpProvider(factory.newConnection(addresses.nodes(), options.connectionName()), recovery);
        } catch (Exception e) {
            int defaultPort = tls ? ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT : ConnectionFactory.DEFAULT_AMQP_PORT;
            throw AmqpFailures.translate("connecting to " + addresses.describe(defaultPort), e);
        }
    }
}
