package org.ferrymq.jms.cdi;

import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSRuntimeException;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.jms.jndi.FerryInitialContextFactory;

/**
 * Turns the value of {@code @JMSConnectionFactory} into a ConnectionFactory, once per value:
 * <ul>
 *   <li>none: the default factory, at the URI of the system property {@code ferrymq.jms.brokerUri}
 *       (or {@code ferrymq.jms.uri}, the {@code FerryJmsConfig} key), else {@value FerryJmsConfig#DEFAULT_URI};</li>
 *   <li>a URI ({@code amqp://...}, {@code vm://...}): a factory for that URI;</li>
 *   <li>anything else: a JNDI name, looked up with {@code new InitialContext()} (so {@code jndi.properties} on
 *       the class path applies, {@code java:comp/env/} style prefixes included). When no initial context
 *       factory is configured, FerryMQ's own ({@link FerryInitialContextFactory}) reads the environment.
 *       {@code java:comp/DefaultJMSConnectionFactory}, when not bound, is the default factory.</li>
 * </ul>
 * Thread-safe; factories hold no connections, so nothing needs closing.
 */
public final class ConnectionFactories {
    public static final String BROKER_URI_PROPERTY = "ferrymq.jms.brokerUri";
    static final String CONFIG_URI_PROPERTY = "ferrymq.jms.uri";
    static final String PLATFORM_DEFAULT_NAME = "java:comp/DefaultJMSConnectionFactory";

    private final Map<String, ConnectionFactory> byName = new ConcurrentHashMap<>();

    /** The factory for a {@code @JMSConnectionFactory} value, null for the default one. */
    public ConnectionFactory resolve(String name) {
        if (name == null || name.isBlank()) {
            return defaultFactory();
        }
        ConnectionFactory known = byName.get(name);
        if (known != null) {
            return known;
        }
        ConnectionFactory fresh = name.contains("://") ? new FerryConnectionFactory(name) : lookUp(name);
        ConnectionFactory winner = byName.putIfAbsent(name, fresh);
        return winner == null ? fresh : winner;
    }

    /** Read each time, so a test or an application may set the property after the container started. */
    public static String defaultBrokerUri() {
        String uri = System.getProperty(BROKER_URI_PROPERTY);
        if (uri == null || uri.isBlank()) {
            uri = System.getProperty(CONFIG_URI_PROPERTY);
        }
        return uri == null || uri.isBlank() ? FerryJmsConfig.DEFAULT_URI : uri;
    }

    private ConnectionFactory defaultFactory() {
        return byName.computeIfAbsent("default:" + defaultBrokerUri(), key -> new FerryConnectionFactory(defaultBrokerUri()));
    }

    private ConnectionFactory lookUp(String name) {
        Object found;
        try {
            found = lookUpInJndi(name);
        } catch (NameNotFoundException e) {
            if (PLATFORM_DEFAULT_NAME.equals(name)) {
                return defaultFactory();
            }
            throw notFound(name, e);
        } catch (NamingException e) {
            throw notFound(name, e);
        }
        if (!(found instanceof ConnectionFactory factory)) {
            throw new JMSRuntimeException("@JMSConnectionFactory(\"" + name + "\") names a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a ConnectionFactory");
        }
        return factory;
    }

    private static Object lookUpInJndi(String name) throws NamingException {
        try {
            return lookUp(new InitialContext(), name);
        } catch (NoInitialContextException e) {
            // no java.naming.factory.initial anywhere: read the same environment with our factory
            Hashtable<String, Object> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, FerryInitialContextFactory.class.getName());
            return lookUp(new InitialContext(env), name);
        }
    }

    private static Object lookUp(InitialContext jndi, String name) throws NamingException {
        try {
            return jndi.lookup(name);
        } finally {
            jndi.close();
        }
    }

    private static JMSRuntimeException notFound(String name, NamingException cause) {
        return new JMSRuntimeException("no connection factory for @JMSConnectionFactory(\"" + name
                + "\"): " + cause.getMessage(), null, cause);
    }
}
