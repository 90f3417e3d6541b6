package org.ferrymq.jms.jndi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;

import org.ferrymq.jms.jndi.BindingDefinition.ConnectionFactoryDefinition;
import org.ferrymq.jms.jndi.BindingDefinition.QueueDefinition;
import org.ferrymq.jms.jndi.BindingDefinition.TopicDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names a JNDI environment defines, and the objects behind them, created on first lookup and then
 * shared by every lookup of that name. Thread-safe.
 * <ul>
 *   <li>{@code connectionFactory.<name> = <broker URI>}; {@code connectionFactory.<name>.<setting> = <value>}
 *       with a setting of {@link #FACTORY_SETTINGS} (the {@code ferrymq.jms.*} keys of {@code FerryJmsConfig});</li>
 *   <li>{@code queue.<name> = <queue>} and {@code topic.<name> = <topic>} in the provider's naming scheme;</li>
 *   <li>{@code java.naming.provider.url}, when set, is the URI of {@code ConnectionFactory} unless that is defined;</li>
 *   <li>{@code dynamicQueues/<queue>} and {@code dynamicTopics/<topic>} need no definition (as in Artemis and Qpid).</li>
 * </ul>
 * Values may use {@code ${name}} or {@code ${name:-default}} ({@link Placeholders}), expanded on first lookup.
 */
final class JndiBindings {
    private static final Logger LOG = LoggerFactory.getLogger(JndiBindings.class);

    static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";
    static final String QUEUE_PREFIX = "queue.";
    static final String TOPIC_PREFIX = "topic.";
    static final String DYNAMIC_QUEUES = "dynamicQueues/";
    static final String DYNAMIC_TOPICS = "dynamicTopics/";
    static final String DEFAULT_FACTORY_NAME = "ConnectionFactory";
    static final Set<String> FACTORY_SETTINGS =
            Set.of("user", "password", "clientId", "prefetch", "confirmTimeoutMs", "browseLimit", "automaticRecovery",
                    "trustStore", "trustStorePassword", "keyStore", "keyStorePassword", "blockOnDurableSend", "queueType",
                    "recoveryIntervalMs");

    private final SortedMap<String, BindingDefinition> definitions;
    private final Map<String, Object> created = new ConcurrentHashMap<>();

    private JndiBindings(SortedMap<String, BindingDefinition> definitions) {
        this.definitions = Collections.unmodifiableSortedMap(definitions);
    }

    static JndiBindings from(Map<?, ?> environment) throws NamingException {
        Map<String, String> entries = new TreeMap<>();
        environment.forEach((key, value) -> {
            if (key instanceof String k && value != null) {
                entries.put(k, value.toString()); // a Hashtable may carry prefetch as an Integer
            }
        });
        Map<String, String> factoryUris = new LinkedHashMap<>();
        Map<String, Map<String, String>> factorySettings = new LinkedHashMap<>();
        SortedMap<String, BindingDefinition> definitions = new TreeMap<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX)) {
                String rest = key.substring(CONNECTION_FACTORY_PREFIX.length());
                Optional<String> owner = settingOwner(rest, entries);
                if (owner.isPresent()) {
                    String setting = rest.substring(owner.get().length() + 1);
                    factorySettings.computeIfAbsent(owner.get(), n -> new LinkedHashMap<>()).put(setting, value);
                } else {
                    if (!value.contains(":") && !value.contains("${")) {
                        LOG.warn("JNDI connection factory {} has the URI '{}': a misspelt setting?", rest, value);
                    }
                    factoryUris.put(rest, value);
                }
            } else if (key.startsWith(QUEUE_PREFIX)) {
                String name = checkedName(key, QUEUE_PREFIX);
                define(definitions, name, new QueueDefinition(name, value));
            } else if (key.startsWith(TOPIC_PREFIX)) {
                String name = checkedName(key, TOPIC_PREFIX);
                define(definitions, name, new TopicDefinition(name, value));
            }
        }
        Object providerUrl = environment.get(Context.PROVIDER_URL);
        if (providerUrl instanceof String url && !url.isBlank() && !factoryUris.containsKey(DEFAULT_FACTORY_NAME)) {
            factoryUris.put(DEFAULT_FACTORY_NAME, url.trim());
        }
        for (Map.Entry<String, String> f : factoryUris.entrySet()) {
            String name = f.getKey();
            if (name.isEmpty()) {
                throw new ConfigurationException("empty connection factory name in " + CONNECTION_FACTORY_PREFIX);
            }
            Map<String, String> settings = factorySettings.getOrDefault(name, Map.of());
            define(definitions, name, new ConnectionFactoryDefinition(name, f.getValue(), Map.copyOf(settings)));
        }
        return new JndiBindings(definitions);
    }

    /** "cf.prefetch" is a setting of factory "cf" when "connectionFactory.cf" exists and "prefetch" is a setting. */
    private static Optional<String> settingOwner(String rest, Map<String, String> entries) {
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String owner = rest.substring(0, dot);
        boolean ownerDefined = entries.containsKey(CONNECTION_FACTORY_PREFIX + owner);
        return ownerDefined && FACTORY_SETTINGS.contains(rest.substring(dot + 1)) ? Optional.of(owner) : Optional.empty();
    }

    private static void define(Map<String, BindingDefinition> definitions, String name, BindingDefinition d)
            throws ConfigurationException {
        if (definitions.putIfAbsent(name, d) != null) {
            throw new ConfigurationException("JNDI name " + name + " is defined twice");
        }
    }

    private static String checkedName(String key, String prefix) throws ConfigurationException {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw new ConfigurationException("empty JNDI name in " + key);
        }
        return name;
    }

    /** The definitions by name, sorted (for {@code Context.list}). */
    SortedMap<String, BindingDefinition> definitions() {
        return definitions;
    }

    /** The definition behind a name, including the {@code dynamicQueues/} and {@code dynamicTopics/} ones. */
    Optional<BindingDefinition> definition(String name) {
        BindingDefinition d = definitions.get(name);
        if (d != null) {
            return Optional.of(d);
        }
        if (name.startsWith(DYNAMIC_QUEUES) && name.length() > DYNAMIC_QUEUES.length()) {
            return Optional.of(new QueueDefinition(name, name.substring(DYNAMIC_QUEUES.length())));
        }
        if (name.startsWith(DYNAMIC_TOPICS) && name.length() > DYNAMIC_TOPICS.length()) {
            return Optional.of(new TopicDefinition(name, name.substring(DYNAMIC_TOPICS.length())));
        }
        return Optional.empty();
    }

    /** The object for a name, created at most once (concurrent first lookups may create a spare that is dropped). */
    Optional<Object> lookup(String name) throws NamingException {
        Object existing = created.get(name);
        if (existing != null) {
            return Optional.of(existing);
        }
        Optional<BindingDefinition> d = definition(name);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        Object fresh = d.get().create();
        Object winner = created.putIfAbsent(name, fresh);
        return Optional.of(winner == null ? fresh : winner);
    }
}
