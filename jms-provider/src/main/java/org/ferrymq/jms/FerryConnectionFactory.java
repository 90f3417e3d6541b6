package org.ferrymq.jms;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.UnaryOperator;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

import org.ferrymq.jms.provider.Provider;
import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.ProviderOptions;
import org.ferrymq.jms.provider.Transports;
import org.ferrymq.jms.simplified.FerryJmsContext;

/**
 * The entry point: {@code new FerryConnectionFactory("amqp://guest:guest@localhost:5672/")}.
 * The URI scheme picks the transport. JavaBean setters exist for JNDI and the resource adapter;
 * each replaces the immutable {@link FerryJmsConfig}.
 */
public class FerryConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        jakarta.jms.XAConnectionFactory, jakarta.jms.XAQueueConnectionFactory, jakarta.jms.XATopicConnectionFactory, Serializable {
    private static final long serialVersionUID = 1L;

    private volatile FerryJmsConfig config;

    public FerryConnectionFactory() {
        this(FerryJmsConfig.builder().build());
    }

    public FerryConnectionFactory(String brokerUri) {
        this(FerryJmsConfig.builder().brokerUri(brokerUri).build());
    }

    public FerryConnectionFactory(FerryJmsConfig config) {
        this.config = config;
    }

    public FerryJmsConfig getConfig() {
        return config;
    }

    private void change(UnaryOperator<FerryJmsConfig.Builder> change) {
        config = change.apply(config.toBuilder()).build();
    }

    public String getBrokerURI() { return config.brokerUri(); }
    public void setBrokerURI(String uri) { change(b -> b.brokerUri(uri)); }
    public String getUser() { return config.user(); }
    public void setUser(String user) { change(b -> b.user(user)); }
    public void setPassword(String password) { change(b -> b.password(password)); }
    public String getClientID() { return config.clientId(); }
    public void setClientID(String clientId) { change(b -> b.clientId(clientId)); }
    public int getPrefetch() { return config.prefetch(); }
    public void setPrefetch(int prefetch) { change(b -> b.prefetch(prefetch)); }
    public long getConfirmTimeoutMillis() { return config.confirmTimeout().toMillis(); }
    public void setConfirmTimeoutMillis(long ms) { change(b -> b.confirmTimeout(Duration.ofMillis(ms))); }
    /** How long automatic recovery waits between reconnect attempts (the RabbitMQ client's 5 s by default). */
    public long getRecoveryIntervalMillis() { return config.recoveryInterval().toMillis(); }
    public void setRecoveryIntervalMillis(long ms) { change(b -> b.recoveryInterval(Duration.ofMillis(ms))); }
    public int getBrowseLimit() { return config.browseLimit(); }
    public void setBrowseLimit(int limit) { change(b -> b.browseLimit(limit)); }
    /** False: a synchronous PERSISTENT send does not wait for the broker's confirm (Artemis's option of that name). */
    public boolean isBlockOnDurableSend() { return config.blockOnDurableSend(); }
    public void setBlockOnDurableSend(boolean block) { change(b -> b.blockOnDurableSend(block)); }
    public String getQueueType() { return config.queueType(); }
    public void setQueueType(String type) { change(b -> b.queueType(type)); }
    /** amqps: a PEM file of CA certificates (as RabbitMQ's cacertfile) or a PKCS#12/JKS trust store. */
    public String getTrustStore() { return config.tls().trustStore(); }
    public void setTrustStore(String file) { change(b -> b.tls(config.tls().withTrustStore(file, config.tls().trustStorePassword()))); }
    public void setTrustStorePassword(String password) { change(b -> b.tls(config.tls().withTrustStore(config.tls().trustStore(), password))); }
    /** amqps: a PKCS#12/JKS key store with the client certificate, for brokers with verify_peer. */
    public String getKeyStore() { return config.tls().keyStore(); }
    public void setKeyStore(String file) { change(b -> b.tls(config.tls().withKeyStore(file, config.tls().keyStorePassword()))); }
    public void setKeyStorePassword(String password) { change(b -> b.tls(config.tls().withKeyStore(config.tls().keyStore(), password))); }

    @Override
    public Connection createConnection() throws JMSException {
        return connect(config.user(), config.password());
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connect(userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connect(config.user(), config.password());
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return connect(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return connect(config.user(), config.password());
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return connect(userName, password);
    }

    // ---- XA: distributed transactions (FerryMQ brokers only) ----

    @Override
    public jakarta.jms.XAConnection createXAConnection() throws JMSException {
        return connectXa(config.user(), config.password());
    }

    @Override
    public jakarta.jms.XAConnection createXAConnection(String userName, String password) throws JMSException {
        return connectXa(userName, password);
    }

    @Override
    public jakarta.jms.XAQueueConnection createXAQueueConnection() throws JMSException {
        return connectXa(config.user(), config.password());
    }

    @Override
    public jakarta.jms.XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return connectXa(userName, password);
    }

    @Override
    public jakarta.jms.XATopicConnection createXATopicConnection() throws JMSException {
        return connectXa(config.user(), config.password());
    }

    @Override
    public jakarta.jms.XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return connectXa(userName, password);
    }

    @Override
    public jakarta.jms.XAJMSContext createXAContext() {
        return createXAContext(config.user(), config.password());
    }

    @Override
    public jakarta.jms.XAJMSContext createXAContext(String userName, String password) {
        FerryXAConnection connection = JmsExceptions.unchecked(() -> connectXa(userName, password));
        return new org.ferrymq.jms.simplified.FerryXAJMSContext(connection);
    }

    private FerryXAConnection connectXa(String user, String password) throws JMSException {
        return (FerryXAConnection) connect(user, password, true);
    }

    private FerryConnection connect(String user, String password) throws JMSException {
        return connect(user, password, false);
    }

    private FerryConnection connect(String user, String password, boolean xa) throws JMSException {
        FerryJmsConfig c = config;
        URI uri;
        try {
            // "vm://" alone is not a valid java.net.URI (empty authority); it means the default broker
            uri = new URI("vm://".equals(c.brokerUri()) ? "vm://default" : c.brokerUri());
        } catch (URISyntaxException e) {
            throw JmsExceptions.wrap("bad broker URI " + c.brokerUri(), e);
        }
        String id = FerryConnection.newConnectionId();
        try {
            Provider provider = Transports.forUri(uri).connect(uri, user, password,
                    new ProviderOptions("ferrymq-jms-" + id, c.confirmTimeout(), c.automaticRecovery(), c.tls(), c.recoveryInterval()));
            if (!xa) {
                return new FerryConnection(id, c, provider);
            }
            if (!provider.supportsXa()) {
                String broker = provider.brokerProduct() + " " + provider.brokerVersion();
                provider.close();
                throw new JMSException("the broker at " + c.brokerUri() + " (" + broker + ") has no distributed (XA) transactions:"
                        + " XA connections need a FerryMQ broker, which announces the 'ferrymq.xa' capability");
            }
            return new FerryXAConnection(id, c, provider);
        } catch (ProviderException e) {
            throw JmsExceptions.from(e);
        }
    }

    @Override
    public JMSContext createContext() {
        return createContext(config.user(), config.password(), JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(config.user(), config.password(), sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        FerryJmsContext.checkSessionMode(sessionMode);
        FerryConnection connection = JmsExceptions.unchecked(() -> connect(userName, password));
        return new FerryJmsContext(connection, sessionMode);
    }
}
