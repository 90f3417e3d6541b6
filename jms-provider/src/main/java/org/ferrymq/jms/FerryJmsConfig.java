package org.ferrymq.jms;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

import org.ferrymq.jms.provider.TlsTrust;

/**
 * Everything a {@link FerryConnectionFactory} needs, immutable (ARCHITECTURE.md convention 8).
 * Built with {@link #builder()}, or {@link #fromProperties} from keys such as
 * {@code ferrymq.jms.uri}, {@code ferrymq.jms.prefetch}; the factory's JavaBean setters (used by
 * JNDI and the resource adapter) each build a new one.
 *
 * @param brokerUri       {@code amqp://user:pass@host:port/vhost}, {@code amqps://...}, later {@code vm://...}
 * @param user            overrides the URI's user when not null
 * @param password        overrides the URI's password when not null
 * @param clientId        administratively configured client ID, or null
 * @param prefetch        basic.qos prefetch per consumer, unless the destination says otherwise
 * @param confirmTimeout  how long a synchronous PERSISTENT send waits for its publisher confirm
 * @param browseLimit     most messages one QueueBrowser enumeration looks at
 * @param automaticRecovery reconnect and recover topology after a connection failure
 * @param tls             trust store and key store for {@code amqps://}
 * @param blockOnDurableSend whether a synchronous PERSISTENT send waits for the broker's confirm (the
 *                        default, as JMS requires); false returns at once and reports a refusal to the
 *                        ExceptionListener (Artemis's option; what the RabbitMQ JMS client always does)
 * @param queueType       {@code x-queue-type} of the durable queues the provider declares (JMS Queues it
 *                        creates, durable subscriptions, delivery-delay queues): {@code quorum} on a RabbitMQ
 *                        cluster so they survive the loss of a node, {@code classic}, or null for the
 *                        broker's default
 * @param recoveryInterval how long automatic recovery waits between reconnect attempts (default 5 s, the
 *                        RabbitMQ client's)
 */
public record FerryJmsConfig(String brokerUri, String user, String password, String clientId, int prefetch,
                             Duration confirmTimeout, int browseLimit, boolean automaticRecovery, TlsTrust tls,
                             boolean blockOnDurableSend, String queueType, Duration recoveryInterval)
        implements Serializable {

    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672";
    /** The queue types a JMS destination can live in (a stream cannot: its messages are not consumed). */
    public static final java.util.Set<String> QUEUE_TYPES = java.util.Set.of("classic", "quorum");

    public FerryJmsConfig {
        Objects.requireNonNull(brokerUri, "brokerUri");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
        if (recoveryInterval.isNegative() || recoveryInterval.isZero()) {
            throw new IllegalArgumentException("recoveryInterval must be positive, was " + recoveryInterval);
        }
        if (prefetch < 1 || prefetch > 65535) {
            throw new IllegalArgumentException("prefetch must be 1..65535, was " + prefetch);
        }
        if (browseLimit < 1) {
            throw new IllegalArgumentException("browseLimit must be positive");
        }
        if (queueType != null && queueType.isBlank()) {
            queueType = null;
        }
        if (queueType != null && !QUEUE_TYPES.contains(queueType)) {
            throw new IllegalArgumentException("queueType must be classic or quorum (or unset for the broker's default), was '"
                    + queueType + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().brokerUri(brokerUri).user(user).password(password).clientId(clientId).prefetch(prefetch)
                .confirmTimeout(confirmTimeout).browseLimit(browseLimit).automaticRecovery(automaticRecovery).tls(tls)
                .blockOnDurableSend(blockOnDurableSend).queueType(queueType).recoveryInterval(recoveryInterval);
    }

    /**
     * Reads {@code ferrymq.jms.uri|user|password|clientId|prefetch|confirmTimeoutMs|browseLimit|automaticRecovery|recoveryIntervalMs}
     * {@code blockOnDurableSend} and {@code queueType}, and for amqps {@code ferrymq.jms.trustStore|trustStorePassword|keyStore|keyStorePassword}.
     */
    public static FerryJmsConfig fromProperties(Properties p) {
        Builder b = builder();
        b.brokerUri(p.getProperty("ferrymq.jms.uri", DEFAULT_URI));
        b.user(p.getProperty("ferrymq.jms.user"));
        b.password(p.getProperty("ferrymq.jms.password"));
        b.clientId(p.getProperty("ferrymq.jms.clientId"));
        b.prefetch(Integer.parseInt(p.getProperty("ferrymq.jms.prefetch", "100")));
        b.confirmTimeout(Duration.ofMillis(Long.parseLong(p.getProperty("ferrymq.jms.confirmTimeoutMs", "30000"))));
        b.browseLimit(Integer.parseInt(p.getProperty("ferrymq.jms.browseLimit", "10000")));
        b.automaticRecovery(Boolean.parseBoolean(p.getProperty("ferrymq.jms.automaticRecovery", "true")));
        b.recoveryInterval(Duration.ofMillis(Long.parseLong(p.getProperty("ferrymq.jms.recoveryIntervalMs", "5000"))));
        b.blockOnDurableSend(Boolean.parseBoolean(p.getProperty("ferrymq.jms.blockOnDurableSend", "true")));
        b.queueType(p.getProperty("ferrymq.jms.queueType"));
        b.tls(TlsTrust.DEFAULT
                .withTrustStore(p.getProperty("ferrymq.jms.trustStore"), p.getProperty("ferrymq.jms.trustStorePassword"))
                .withKeyStore(p.getProperty("ferrymq.jms.keyStore"), p.getProperty("ferrymq.jms.keyStorePassword")));
        return b.build();
    }

    public static final class Builder {
        private String brokerUri = DEFAULT_URI;
        private String user;
        private String password;
        private String clientId;
        private int prefetch = 100;
        private Duration confirmTimeout = Duration.ofSeconds(30);
        private int browseLimit = 10_000;
        private boolean automaticRecovery = true;
        private TlsTrust tls = TlsTrust.DEFAULT;
        private boolean blockOnDurableSend = true;
        private String queueType;
        private Duration recoveryInterval = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder brokerUri(String v) { brokerUri = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder prefetch(int v) { prefetch = v; return this; }
        public Builder confirmTimeout(Duration v) { confirmTimeout = v; return this; }
        public Builder browseLimit(int v) { browseLimit = v; return this; }
        public Builder automaticRecovery(boolean v) { automaticRecovery = v; return this; }
        public Builder tls(TlsTrust v) { tls = v; return this; }
        public Builder blockOnDurableSend(boolean v) { blockOnDurableSend = v; return this; }
        public Builder queueType(String v) { queueType = v; return this; }
        public Builder recoveryInterval(Duration v) { recoveryInterval = v; return this; }

        public FerryJmsConfig build() {
            return new FerryJmsConfig(brokerUri, user, password, clientId, prefetch, confirmTimeout, browseLimit, automaticRecovery, tls,
                    blockOnDurableSend, queueType, recoveryInterval);
        }
    }
}
