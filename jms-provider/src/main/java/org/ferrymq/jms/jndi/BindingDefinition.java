package org.ferrymq.jms.jndi;

import java.util.Map;
import java.util.Properties;

import jakarta.jms.JMSException;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.jms.destination.Destinations;
import org.ferrymq.jms.destination.FerryQueue;
import org.ferrymq.jms.destination.FerryTopic;

import javax.naming.ConfigurationException;
import javax.naming.NamingException;

/** What one JNDI name stands for, before the object exists (objects are created on first lookup). */
sealed interface BindingDefinition {

    /** The class of the object {@link #create()} returns, for {@code Context.list} without creating it. */
    String className();

    Object create() throws NamingException;

    /**
     * {@code connectionFactory.<name> = <uri>} plus {@code connectionFactory.<name>.<setting> = <value>} lines;
     * the settings are {@link FerryJmsConfig#fromProperties} keys without their {@code ferrymq.jms.} prefix.
     */
    record ConnectionFactoryDefinition(String name, String uri, Map<String, String> settings) implements BindingDefinition {
        @Override
        public String className() {
            return FerryConnectionFactory.class.getName();
        }

        @Override
        public Object create() throws NamingException {
            Properties p = new Properties();
            p.setProperty("ferrymq.jms.uri", Placeholders.expand(uri));
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                p.setProperty("ferrymq.jms." + setting.getKey(), Placeholders.expand(setting.getValue()));
            }
            try {
                return new FerryConnectionFactory(FerryJmsConfig.fromProperties(p));
            } catch (RuntimeException e) {
                throw configurationError("connection factory " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code queue.<name> = <queue name, as for createQueue>}. */
    record QueueDefinition(String name, String spec) implements BindingDefinition {
        @Override
        public String className() {
            return FerryQueue.class.getName();
        }

        @Override
        public Object create() throws NamingException {
            try {
                return Destinations.queue(Placeholders.expand(spec));
            } catch (JMSException e) {
                throw configurationError("queue " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code topic.<name> = <topic name, as for createTopic: "key" on amq.topic or "exchange/key">}. */
    record TopicDefinition(String name, String spec) implements BindingDefinition {
        @Override
        public String className() {
            return FerryTopic.class.getName();
        }

        @Override
        public Object create() throws NamingException {
            try {
                return Destinations.topic(Placeholders.expand(spec));
            } catch (JMSException e) {
                throw configurationError("topic " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static NamingException configurationError(String text, Exception cause) {
        ConfigurationException e = new ConfigurationException(text);
        e.setRootCause(cause);
        return e;
    }
}
