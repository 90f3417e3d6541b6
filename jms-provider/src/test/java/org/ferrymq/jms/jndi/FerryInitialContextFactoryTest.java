package org.ferrymq.jms.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

import jakarta.jms.Queue;
import jakarta.jms.Topic;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.ferrymq.jms.destination.FerryTopic;
import org.junit.jupiter.api.Test;

/** The factory's context on its own (no jndi.properties merging: the environment is passed directly). */
class FerryInitialContextFactoryTest {

    private static Context context(String... keyValues) throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return new FerryInitialContextFactory().getInitialContext(env);
    }

    @Test
    void connectionFactoryWithSettingsMapsOntoTheConfig() throws Exception {
        Context ctx = context(
                "connectionFactory.ConnectionFactory", "amqp://guest:guest@127.0.0.1:5672",
                "connectionFactory.ConnectionFactory.prefetch", "10",
                "connectionFactory.ConnectionFactory.clientId", "app-1",
                "connectionFactory.ConnectionFactory.user", "alice",
                "connectionFactory.ConnectionFactory.password", "secret",
                "connectionFactory.ConnectionFactory.confirmTimeoutMs", "1500",
                "connectionFactory.ConnectionFactory.browseLimit", "50",
                "connectionFactory.ConnectionFactory.automaticRecovery", "false",
                "connectionFactory.local", "vm://");
        FerryJmsConfig c = ((FerryConnectionFactory) ctx.lookup("ConnectionFactory")).getConfig();
        assertEquals("amqp://guest:guest@127.0.0.1:5672", c.brokerUri());
        assertEquals(10, c.prefetch());
        assertEquals("app-1", c.clientId());
        assertEquals("alice", c.user());
        assertEquals("secret", c.password());
        assertEquals(1500, c.confirmTimeout().toMillis());
        assertEquals(50, c.browseLimit());
        assertFalse(c.automaticRecovery());

        FerryJmsConfig local = ((FerryConnectionFactory) ctx.lookup("local")).getConfig();
        assertEquals("vm://", local.brokerUri());
        assertEquals(100, local.prefetch(), "defaults where nothing is said");
    }

    @Test
    void destinationsFollowTheProviderNamingScheme() throws Exception {
        Context ctx = context("queue.orders", "orders?prefetch=5", "topic.weather", "amq.topic/weather.#",
                "topic.logs", "logs/", "topic.news", "news.eu");
        assertEquals("orders", ((Queue) ctx.lookup("orders")).getQueueName());
        FerryTopic weather = (FerryTopic) ctx.lookup("weather");
        assertEquals("amq.topic", weather.exchange());
        assertEquals("weather.#", weather.routingKey());
        FerryTopic logs = (FerryTopic) ctx.lookup("logs");
        assertEquals("logs", logs.exchange());
        assertEquals("", logs.routingKey());
        assertEquals("news.eu", ((Topic) ctx.lookup("news")).getTopicName());
    }

    @Test
    void objectsAreCreatedOnceAndShared() throws Exception {
        Context ctx = context("connectionFactory.cf", "amqp://127.0.0.1:5672", "queue.q", "q");
        assertSame(ctx.lookup("cf"), ctx.lookup("cf"));
        assertSame(ctx.lookup("q"), ctx.lookup(new CompositeName("q")));
    }

    @Test
    void badDefinitionsFailOnLookupNotBefore() throws Exception {
        Context ctx = context("connectionFactory.cf", "amqp://127.0.0.1:5672", "connectionFactory.cf.prefetch", "lots",
                "queue.bad", "", "queue.good", "good");
        assertEquals("good", ((Queue) ctx.lookup("good")).getQueueName());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ctx.lookup("cf"));
        assertInstanceOf(NumberFormatException.class, e.getRootCause());
        assertThrows(ConfigurationException.class, () -> ctx.lookup("bad"));
    }

    @Test
    void unknownNamesAndDottedFactoryNames() throws Exception {
        Context ctx = context("connectionFactory.eu.west", "amqp://10.0.0.1", "queue.q", "q");
        assertThrows(NameNotFoundException.class, () -> ctx.lookup("nope"));
        assertEquals("amqp://10.0.0.1", ((FerryConnectionFactory) ctx.lookup("eu.west")).getBrokerURI(),
                "a dot is part of the name unless it introduces a setting of a defined factory");
    }

    @Test
    void placeholdersComeFromSystemPropertiesOrTheirDefault() throws Exception {
        System.setProperty("ferrymq.test.jndi.port", "5999");
        try {
            Context ctx = context("connectionFactory.cf", "amqp://127.0.0.1:${ferrymq.test.jndi.port}",
                    "connectionFactory.other", "${ferrymq.test.jndi.absent:-amqp://h:1}",
                    "connectionFactory.broken", "${ferrymq.test.jndi.absent}");
            assertEquals("amqp://127.0.0.1:5999", ((FerryConnectionFactory) ctx.lookup("cf")).getBrokerURI());
            assertEquals("amqp://h:1", ((FerryConnectionFactory) ctx.lookup("other")).getBrokerURI());
            assertThrows(ConfigurationException.class, () -> ctx.lookup("broken"));
        } finally {
            System.clearProperty("ferrymq.test.jndi.port");
        }
    }

    @Test
    void nonStringValuesInTheEnvironmentCount() throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put("connectionFactory.cf", "amqp://127.0.0.1");
        env.put("connectionFactory.cf.prefetch", 7);
        env.put("connectionFactory.cf.automaticRecovery", Boolean.FALSE);
        FerryJmsConfig c = ((FerryConnectionFactory) new FerryInitialContextFactory().getInitialContext(env).lookup("cf")).getConfig();
        assertEquals(7, c.prefetch());
        assertFalse(c.automaticRecovery());
    }

    @Test
    void providerUrlIsTheDefaultConnectionFactory() throws Exception {
        Context ctx = context(Context.PROVIDER_URL, "amqp://127.0.0.1:5677");
        assertEquals("amqp://127.0.0.1:5677", ((FerryConnectionFactory) ctx.lookup("ConnectionFactory")).getBrokerURI());
    }

    @Test
    void dynamicDestinationsNeedNoDefinition() throws Exception {
        Context ctx = context();
        assertEquals("invoices", ((Queue) ctx.lookup("dynamicQueues/invoices")).getQueueName());
        assertEquals("logs/", ((Topic) ctx.lookup("dynamicTopics/logs/")).getTopicName());
    }

    @Test
    void applicationServerPrefixesAreIgnored() throws Exception {
        Context ctx = context("connectionFactory.jms/cf", "amqp://127.0.0.1", "queue.jms/orders", "orders");
        assertSame(ctx.lookup("jms/cf"), ctx.lookup("java:comp/env/jms/cf"));
        assertSame(ctx.lookup("jms/orders"), ctx.lookup("java:global/jms/orders"));
        assertInstanceOf(Context.class, ctx.lookup(""));
    }

    @Test
    void listAndListBindings() throws Exception {
        Context ctx = context("connectionFactory.ConnectionFactory", "amqp://127.0.0.1", "queue.jms/orders", "orders",
                "topic.jms/news", "news", "queue.plain", "plain");
        List<String> all = new ArrayList<>();
        for (NamingEnumeration<NameClassPair> e = ctx.list(""); e.hasMore(); ) {
            NameClassPair p = e.next();
            all.add(p.getName() + "=" + p.getClassName().substring(p.getClassName().lastIndexOf('.') + 1));
        }
        assertEquals(List.of("ConnectionFactory=FerryConnectionFactory", "jms/news=FerryTopic", "jms/orders=FerryQueue",
                "plain=FerryQueue"), all);

        List<String> underJms = new ArrayList<>();
        for (NamingEnumeration<Binding> e = ctx.listBindings("jms"); e.hasMore(); ) {
            Binding b = e.next();
            underJms.add(b.getName());
            assertSame(ctx.lookup("jms/" + b.getName()), b.getObject());
        }
        assertEquals(List.of("news", "orders"), underJms);
        assertThrows(NotContextException.class, () -> ctx.list("plain"));
        assertThrows(NameNotFoundException.class, () -> ctx.list("nothing"));
    }

    @Test
    void changesAreRefused() throws Exception {
        Context ctx = context("queue.q", "q");
        assertThrows(OperationNotSupportedException.class, () -> ctx.bind("x", "y"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.rebind("q", "y"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.unbind("q"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.rename("q", "r"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.createSubcontext("sub"));
        assertThrows(OperationNotSupportedException.class, () -> ctx.destroySubcontext("sub"));
        assertTrue(ctx.lookup("q") instanceof Queue);
    }

    @Test
    void sameNameTwiceIsAConfigurationError() {
        assertThrows(ConfigurationException.class, () -> context("queue.x", "a", "connectionFactory.x", "amqp://h"));
    }
}
