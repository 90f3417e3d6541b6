package org.ferrymq.ra.inbound;

import java.util.Locale;

import jakarta.jms.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.ra.FerryResourceAdapter;
import org.ferrymq.ra.ProviderSettings;

/**
 * How one message-driven bean is fed: the Jakarta Messaging activation properties
 * ({@code destinationLookup}, {@code destinationType}, {@code messageSelector}, ...), FerryMQ's
 * ({@code destination}, {@code maxSession}, reconnect and dead-letter settings) and the names
 * ActiveMQ Artemis's adapter uses for the same things ({@code clientID}, {@code useJNDI},
 * {@code maxSession}, {@code setupAttempts}, ...), so an MDB written for WildFly's built-in
 * messaging deploys unchanged. Connection settings (brokerURI, user, prefetch, ...) override the
 * resource adapter's.
 *
 * <p>Threading: filled by the server before activation, then read only.
 */
public class FerryActivationSpec extends ProviderSettings implements ActivationSpec {
    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;

    private String destination;
    private String destinationLookup;
    private String connectionFactoryLookup;
    private String destinationType = "jakarta.jms.Queue";
    private String messageSelector;
    private String acknowledgeMode = "Auto-acknowledge";
    private String subscriptionDurability = "NonDurable";
    private String subscriptionName;
    private Boolean shareSubscriptions = false;
    private Integer maxSession = 15;
    private Integer setupAttempts = -1;
    private Long setupInterval = 2000L;
    private Boolean useJNDI = false;
    private Boolean useLocalTx = false;
    private Integer maxDeliveryAttempts = 10;
    private String deadLetterQueue = "DLQ";

    /** A physical destination name in the provider's scheme ({@code orders}, {@code amq.topic/weather.#}), or a JNDI name with {@code useJNDI=true}. */
    public String getDestination() { return destination; }
    public void setDestination(String destination) { this.destination = blankToNull(destination); }
    public String getDestinationLookup() { return destinationLookup; }
    public void setDestinationLookup(String name) { this.destinationLookup = blankToNull(name); }
    public String getConnectionFactoryLookup() { return connectionFactoryLookup; }
    public void setConnectionFactoryLookup(String name) { this.connectionFactoryLookup = blankToNull(name); }
    public String getDestinationType() { return destinationType; }
    public void setDestinationType(String type) { this.destinationType = type; }
    public String getMessageSelector() { return messageSelector; }
    public void setMessageSelector(String selector) { this.messageSelector = blankToNull(selector); }
    public String getAcknowledgeMode() { return acknowledgeMode; }
    public void setAcknowledgeMode(String mode) { this.acknowledgeMode = mode; }
    public String getSubscriptionDurability() { return subscriptionDurability; }
    public void setSubscriptionDurability(String durability) { this.subscriptionDurability = durability; }
    public String getSubscriptionName() { return subscriptionName; }
    public void setSubscriptionName(String name) { this.subscriptionName = blankToNull(name); }
    public Boolean getShareSubscriptions() { return shareSubscriptions; }
    public void setShareSubscriptions(Boolean share) { this.shareSubscriptions = share; }
    /** The client ID of the activation's connection (written into the provider config). */
    public String getClientId() { return get("clientId"); }
    public void setClientId(String clientId) { put("clientId", clientId); }
    /** Artemis's spelling of {@link #setClientId}. */
    public String getClientID() { return getClientId(); }
    public void setClientID(String clientId) { setClientId(clientId); }
    /** How many sessions deliver in parallel, each to its own endpoint (bean instance). */
    public Integer getMaxSession() { return maxSession; }
    public void setMaxSession(Integer n) { this.maxSession = n; }
    /** How often to try to connect (at start and after a failure); -1 = forever. */
    public Integer getSetupAttempts() { return setupAttempts; }
    public void setSetupAttempts(Integer n) { this.setupAttempts = n; }
    /** Milliseconds between connection attempts. */
    public Long getSetupInterval() { return setupInterval; }
    public void setSetupInterval(Long ms) { this.setupInterval = ms; }
    /** Artemis: {@code destination} is a JNDI name (falls back to a physical name when not bound). */
    public Boolean getUseJNDI() { return useJNDI; }
    public void setUseJNDI(Boolean use) { this.useJNDI = use; }
    /** Artemis: deliver in a local JMS transaction when the container does not ask for XA. */
    public Boolean getUseLocalTx() { return useLocalTx; }
    public void setUseLocalTx(Boolean use) { this.useLocalTx = use; }
    /** After this many deliveries a message goes to {@link #getDeadLetterQueue()}; 0 = never. */
    public Integer getMaxDeliveryAttempts() { return maxDeliveryAttempts; }
    public void setMaxDeliveryAttempts(Integer n) { this.maxDeliveryAttempts = n; }
    /** The queue dead letters are sent to (provider naming scheme); default {@code DLQ}. */
    public String getDeadLetterQueue() { return deadLetterQueue; }
    public void setDeadLetterQueue(String queue) { this.deadLetterQueue = blankToNull(queue); }

    // Artemis accepts these; they have no FerryMQ meaning but must not fail a deployment
    private Boolean rebalanceConnections;
    private Integer transactionTimeout;
    public Boolean getRebalanceConnections() { return rebalanceConnections; }
    public void setRebalanceConnections(Boolean on) { this.rebalanceConnections = on; }
    public Integer getTransactionTimeout() { return transactionTimeout; }
    public void setTransactionTimeout(Integer seconds) { this.transactionTimeout = seconds; }

    // ---- derived, after validate() ----

    public boolean isTopic() {
        return "topic".equals(shortType(destinationType));
    }

    public boolean isDurable() {
        return "durable".equals(norm(subscriptionDurability));
    }

    public boolean isShared() {
        return Boolean.TRUE.equals(shareSubscriptions);
    }

    /** Session.AUTO_ACKNOWLEDGE or DUPS_OK_ACKNOWLEDGE. */
    public int sessionAckMode() {
        return norm(acknowledgeMode).startsWith("dups") ? Session.DUPS_OK_ACKNOWLEDGE : Session.AUTO_ACKNOWLEDGE;
    }

    /**
     * The sessions an activation opens: one for an unshared topic subscription (each session
     * would be a subscriber of its own and get every message again); set shareSubscriptions for
     * parallel delivery from a topic.
     */
    public int effectiveMaxSession() {
        return isTopic() && !isShared() ? 1 : maxSession;
    }

    /** The provider config of this activation: the adapter's settings with this spec's on top. */
    public FerryJmsConfig providerConfig() {
        if (resourceAdapter instanceof FerryResourceAdapter ra) {
            return ra.providerConfig(this);
        }
        return config(null);
    }

    @Override
    public void validate() throws InvalidPropertyException {
        if (destination == null && destinationLookup == null) {
            throw invalid("destination", "set destination (a physical name such as 'orders') or destinationLookup (a JNDI name)");
        }
        if (shortType(destinationType) == null) {
            throw invalid("destinationType", "must be jakarta.jms.Queue or jakarta.jms.Topic, was '" + destinationType + "'");
        }
        String ack = norm(acknowledgeMode);
        if (!ack.equals("auto-acknowledge") && !ack.equals("dups-ok-acknowledge")) {
            throw invalid("acknowledgeMode", "must be Auto-acknowledge or Dups-ok-acknowledge, was '" + acknowledgeMode + "'");
        }
        String durability = norm(subscriptionDurability);
        if (!durability.equals("durable") && !durability.equals("nondurable")) {
            throw invalid("subscriptionDurability", "must be Durable or NonDurable, was '" + subscriptionDurability + "'");
        }
        if (durability.equals("durable") && !isTopic()) {
            throw invalid("subscriptionDurability", "Durable applies to a topic; destinationType is " + destinationType);
        }
        if (isTopic() && (isDurable() || isShared()) && subscriptionName == null) {
            throw invalid("subscriptionName", "a durable or shared subscription needs a subscriptionName");
        }
        if (maxSession == null || maxSession < 1) {
            throw invalid("maxSession", "must be at least 1, was " + maxSession);
        }
        if (setupAttempts == null || setupAttempts < -1) {
            throw invalid("setupAttempts", "must be -1 (forever) or a count, was " + setupAttempts);
        }
        if (setupInterval == null || setupInterval < 0) {
            throw invalid("setupInterval", "must be milliseconds >= 0, was " + setupInterval);
        }
        if (maxDeliveryAttempts == null || maxDeliveryAttempts < 0) {
            throw invalid("maxDeliveryAttempts", "must be 0 (never dead-letter) or a count, was " + maxDeliveryAttempts);
        }
        if (maxDeliveryAttempts > 0 && deadLetterQueue == null) {
            throw invalid("deadLetterQueue", "maxDeliveryAttempts is " + maxDeliveryAttempts + " but no deadLetterQueue is set");
        }
        try {
            providerConfig();
        } catch (IllegalArgumentException e) {
            throw new InvalidPropertyException("FerryMQ activation: " + e.getMessage(), e);
        }
    }

    private static InvalidPropertyException invalid(String property, String why) {
        return new InvalidPropertyException("FerryMQ activation property '" + property + "': " + why);
    }

    private static String shortType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.trim()) {
            case "jakarta.jms.Queue", "javax.jms.Queue", "Queue", "queue" -> "queue";
            case "jakarta.jms.Topic", "javax.jms.Topic", "Topic", "topic" -> "topic";
            default -> null;
        };
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        this.resourceAdapter = ra;
    }

    /** Activation specs are compared by identity: two beans with equal properties are two activations. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "FerryActivationSpec[" + (destination != null ? destination : destinationLookup) + ", " + destinationType
                + (messageSelector != null ? ", selector " + messageSelector : "") + ", maxSession " + maxSession + ", "
                + super.toString() + "]";
    }
}
