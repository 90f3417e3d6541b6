package org.ferrymq.ra;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.transaction.xa.XAResource;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.ra.inbound.Activation;
import org.ferrymq.ra.inbound.FerryActivationSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FerryMQ resource adapter: its JavaBean properties (see {@link ProviderSettings}) are the
 * defaults of every connection factory and activation; with {@code embeddedBroker=true} it also
 * runs a FerryMQ broker inside the server for as long as it is started.
 *
 * <p>Threading: the server calls start/stop and endpoint (de)activation from its deployment
 * threads; the activation table is concurrent.
 */
public class FerryResourceAdapter extends ProviderSettings implements ResourceAdapter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FerryResourceAdapter.class);

    private transient volatile WorkManager workManager;
    private transient volatile EmbeddedBroker embedded;
    private transient Map<ActivationKey, Activation> activations = new ConcurrentHashMap<>();
    /** The recovery scan's resources, one per broker and credentials, kept until stop. */
    private transient Map<RecoveryKey, RecoveryXAResource> recoveryResources = new ConcurrentHashMap<>();

    // ---- the embedded broker's properties (kept in the same settings table, outside the provider's keys) ----

    /** Runs a FerryMQ broker inside the server; connections then default to {@code vm://ferrymq-ra}. */
    public void setEmbeddedBroker(Boolean on) { put("ra.embeddedBroker", on); }
    public Boolean getEmbeddedBroker() { return getBoolean("ra.embeddedBroker"); }
    /** Where the embedded broker keeps its data; default {@code <server data dir>/ferrymq}. */
    public void setEmbeddedDataDir(String dir) { put("ra.embeddedDataDir", dir); }
    public String getEmbeddedDataDir() { return get("ra.embeddedDataDir"); }
    /** The embedded broker's AMQP port on {@link #getEmbeddedHost()} (for pika and other clients); default 0, a free port. */
    public void setEmbeddedAmqpPort(Integer port) { put("ra.embeddedAmqpPort", port); }
    public Integer getEmbeddedAmqpPort() { return getInt("ra.embeddedAmqpPort"); }
    /** The embedded broker's listening address; default 127.0.0.1. */
    public void setEmbeddedHost(String host) { put("ra.embeddedHost", host); }
    public String getEmbeddedHost() { return get("ra.embeddedHost"); }

    /**
     * The JNDI name of the connection definition the server's recovery manager reaches FerryMQ
     * through (WildFly: the one with recovery credentials, {@code java:/jms/ferrymq/CF} in
     * ferrymq-install.cli). Deliveries' XAResources carry it so a transaction that crashed in its
     * commit phase can be finished by recovery. Default none.
     */
    public void setRecoveryJndiName(String name) { put("ra.recoveryJndiName", name); }
    public String getRecoveryJndiName() { return get("ra.recoveryJndiName"); }

    boolean embeddedBrokerOn() {
        return Boolean.TRUE.equals(getEmbeddedBroker());
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        workManager = context == null ? null : context.getWorkManager();
        activations = new ConcurrentHashMap<>();
        recoveryResources = new ConcurrentHashMap<>();
        try {
            config(null);   // a bad setting fails the deployment here, naming the setting
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("FerryMQ resource adapter: " + e.getMessage(), e);
        }
        if (embeddedBrokerOn()) {
            try {
                embedded = EmbeddedBroker.start(getEmbeddedHost(), getEmbeddedAmqpPort(), getEmbeddedDataDir());
            } catch (RuntimeException e) {
                throw new ResourceAdapterInternalException("FerryMQ resource adapter: cannot start the embedded broker: " + e, e);
            }
        }
        LOG.info("FerryMQ resource adapter started ({})", embedded != null ? embedded.describe() : "broker " + providerConfig().brokerUri());
    }

    @Override
    public void stop() {
        for (Activation a : new ArrayList<>(activations.values())) {
            a.stop();
        }
        activations.clear();
        recoveryResources.values().forEach(RecoveryXAResource::close);
        recoveryResources.clear();
        EmbeddedBroker broker = embedded;
        embedded = null;
        if (broker != null) {
            broker.close();
        }
        LOG.info("FerryMQ resource adapter stopped");
    }

    /**
     * The provider config every connection of this adapter starts from: its own settings, with
     * the embedded broker's {@code vm://} URI when that runs and no URI was set.
     */
    public FerryJmsConfig providerConfig() {
        FerryJmsConfig c = config(null);
        if (getBrokerURI() == null && embeddedBrokerOn()) {
            c = c.toBuilder().brokerUri(EmbeddedBroker.VM_URI).build();
        }
        return c;
    }

    /** Settings of a connection factory or an activation over this adapter's defaults. */
    public FerryJmsConfig providerConfig(ProviderSettings overrides) {
        FerryJmsConfig c = overrides.config(this);
        if (getBrokerURI() == null && overrides.getBrokerURI() == null && embeddedBrokerOn()) {
            c = c.toBuilder().brokerUri(EmbeddedBroker.VM_URI).build();
        }
        return c;
    }

    public WorkManager workManager() {
        return workManager;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof FerryActivationSpec ferrySpec)) {
            throw new jakarta.resource.NotSupportedException("not a FerryMQ activation spec: " + spec);
        }
        ferrySpec.validate();
        Activation activation = new Activation(this, ferrySpec, factory);
        activation.start();   // a refusal is thrown here, and the activation is not kept
        activations.put(new ActivationKey(factory, spec), activation);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        Activation activation = activations.remove(new ActivationKey(factory, spec));
        if (activation != null) {
            activation.stop();
        }
    }

    /** How many activations run (for tests and monitoring). */
    public int activationCount() {
        return activations.size();
    }

    /**
     * One XAResource per broker and credentials the activations use, for the transaction
     * manager's recovery scan. The same resources come back on every call (a recovery manager may
     * ask on every scan), each with one lazily opened connection, closed when the adapter stops.
     * Empty until the provider's factory is an XAConnectionFactory.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        Set<XAResource> resources = new LinkedHashSet<>();
        for (ActivationSpec spec : specs) {
            if (!(spec instanceof FerryActivationSpec ferrySpec)) {
                continue;
            }
            FerryJmsConfig config = providerConfig(ferrySpec);
            FerryConnectionFactory factory = new FerryConnectionFactory(config);
            if (!((Object) factory instanceof XAConnectionFactory xa)) {
                continue;
            }
            RecoveryKey key = new RecoveryKey(config, ferrySpec.getUser(), ferrySpec.getPassword());
            resources.add(recoveryResources.computeIfAbsent(key,
                    k -> new RecoveryXAResource(xa, k.user(), k.password())));
        }
        return resources.toArray(XAResource[]::new);
    }

    /** What makes two activations' recovery resources the same one. */
    private record RecoveryKey(FerryJmsConfig config, String user, String password) {
    }

    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ActivationKey k && k.factory == factory && k.spec == spec;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }
}
