package org.ferrymq.ra;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import org.ferrymq.jms.FerryJmsConfig;

/**
 * The provider's settings as the JavaBean properties a server sets on the resource adapter, a
 * managed connection factory or an activation spec. Each setter writes one key of the provider's
 * own property scheme ({@code ferrymq.jms.*}, read by {@link FerryJmsConfig#fromProperties}); no
 * class keeps a field per setting. What the resource adapter sets is the default; what a managed
 * connection factory or an activation spec sets overrides it ({@link #config}).
 *
 * <p>Threading: set by the server while deploying, read afterwards; setters are synchronized.
 */
public abstract class ProviderSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PREFIX = "ferrymq.jms.";

    /** Only the keys set on this bean, sorted so equals/hashCode/toString are stable. */
    private final TreeMap<String, String> settings = new TreeMap<>();

    protected synchronized void put(String key, Object value) {
        if (value == null || value.toString().isEmpty()) {
            settings.remove(key);
        } else {
            settings.put(key, value.toString());
        }
    }

    protected synchronized String get(String key) {
        return settings.get(key);
    }

    protected Integer getInt(String key) {
        String v = get(key);
        return v == null ? null : Integer.valueOf(v);
    }

    protected Long getLong(String key) {
        String v = get(key);
        return v == null ? null : Long.valueOf(v);
    }

    protected Boolean getBoolean(String key) {
        String v = get(key);
        return v == null ? null : Boolean.valueOf(v);
    }

    synchronized Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    /**
     * The provider config: {@code defaults}' settings (null for none), then this bean's on top.
     *
     * @throws IllegalArgumentException naming the bad value when the provider refuses a setting
     */
    public FerryJmsConfig config(ProviderSettings defaults) {
        Properties p = new Properties();
        if (defaults != null) {
            defaults.settings().forEach((k, v) -> p.setProperty(PREFIX + k, v));
        }
        settings().forEach((k, v) -> p.setProperty(PREFIX + k, v));
        try {
            return FerryJmsConfig.fromProperties(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a numeric FerryMQ setting is not a number: " + e.getMessage(), e);
        }
    }

    // ---- the provider's settings, one line each: key names are FerryJmsConfig.fromProperties's ----

    /** {@code amqp://user:pass@host:port/vhost}, {@code amqps://...}, {@code vm://...}; comma-separated hosts for a cluster. */
    public void setBrokerURI(String uri) { put("uri", uri); }
    public String getBrokerURI() { return get("uri"); }
    public void setUser(String user) { put("user", user); }
    public String getUser() { return get("user"); }
    public void setPassword(String password) { put("password", password); }
    public String getPassword() { return get("password"); }
    public void setPrefetch(Integer prefetch) { put("prefetch", prefetch); }
    public Integer getPrefetch() { return getInt("prefetch"); }
    public void setQueueType(String type) { put("queueType", type); }
    public String getQueueType() { return get("queueType"); }
    public void setRecoveryIntervalMs(Long ms) { put("recoveryIntervalMs", ms); }
    public Long getRecoveryIntervalMs() { return getLong("recoveryIntervalMs"); }
    public void setConfirmTimeoutMs(Long ms) { put("confirmTimeoutMs", ms); }
    public Long getConfirmTimeoutMs() { return getLong("confirmTimeoutMs"); }
    public void setBrowseLimit(Integer limit) { put("browseLimit", limit); }
    public Integer getBrowseLimit() { return getInt("browseLimit"); }
    public void setBlockOnDurableSend(Boolean block) { put("blockOnDurableSend", block); }
    public Boolean getBlockOnDurableSend() { return getBoolean("blockOnDurableSend"); }
    public void setAutomaticRecovery(Boolean on) { put("automaticRecovery", on); }
    public Boolean getAutomaticRecovery() { return getBoolean("automaticRecovery"); }
    public void setTrustStore(String file) { put("trustStore", file); }
    public String getTrustStore() { return get("trustStore"); }
    public void setTrustStorePassword(String password) { put("trustStorePassword", password); }
    public String getTrustStorePassword() { return get("trustStorePassword"); }
    public void setKeyStore(String file) { put("keyStore", file); }
    public String getKeyStore() { return get("keyStore"); }
    public void setKeyStorePassword(String password) { put("keyStorePassword", password); }
    public String getKeyStorePassword() { return get("keyStorePassword"); }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && settings().equals(((ProviderSettings) o).settings());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), settings());
    }

    /** The settings, passwords hidden. */
    @Override
    public String toString() {
        TreeMap<String, String> shown = new TreeMap<>(settings());
        shown.replaceAll((k, v) -> k.toLowerCase().contains("password") ? "****" : v);
        return getClass().getSimpleName() + shown;
    }
}
