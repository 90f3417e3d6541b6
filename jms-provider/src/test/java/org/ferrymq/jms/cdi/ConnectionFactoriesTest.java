package org.ferrymq.jms.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.FerryJmsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a {@code @JMSConnectionFactory} value becomes a factory (JNDI names from the test class path's jndi.properties). */
class ConnectionFactoriesTest {
    private final ConnectionFactories factories = new ConnectionFactories();

    @AfterEach
    void clearProperties() {
        System.clearProperty(ConnectionFactories.BROKER_URI_PROPERTY);
        System.clearProperty(ConnectionFactories.CONFIG_URI_PROPERTY);
    }

    private FerryConnectionFactory resolve(String name) {
        return (FerryConnectionFactory) factories.resolve(name);
    }

    @Test
    void aUriIsAFactoryForThatUri() {
        FerryConnectionFactory f = resolve("amqp://guest:guest@127.0.0.1:5999");
        assertEquals("amqp://guest:guest@127.0.0.1:5999", f.getBrokerURI());
        assertSame(f, resolve("amqp://guest:guest@127.0.0.1:5999"));
        assertEquals("vm://", resolve("vm://").getBrokerURI());
    }

    @Test
    void theDefaultComesFromTheSystemPropertyElseTheBuiltInUri() {
        assertEquals(FerryJmsConfig.DEFAULT_URI, resolve(null).getBrokerURI());
        System.setProperty(ConnectionFactories.CONFIG_URI_PROPERTY, "amqp://h:2");
        assertEquals("amqp://h:2", resolve(null).getBrokerURI());
        System.setProperty(ConnectionFactories.BROKER_URI_PROPERTY, "amqp://h:1");
        assertEquals("amqp://h:1", resolve("").getBrokerURI());
        assertEquals("amqp://h:1", resolve("java:comp/DefaultJMSConnectionFactory").getBrokerURI(),
                "the platform default name, when jndi.properties does not bind it");
    }

    @Test
    void otherNamesAreJndiNames() {
        FerryConnectionFactory f = resolve("jms/nowhere");
        assertEquals("amqp://guest:guest@127.0.0.1:1", f.getBrokerURI());
        assertSame(f, resolve("jms/nowhere"));
        assertEquals(10, resolve("java:comp/env/ConnectionFactory").getPrefetch());
    }

    @Test
    void unknownNamesAndNonFactoriesAreRefused() {
        JMSRuntimeException e = assertThrows(JMSRuntimeException.class, () -> factories.resolve("no-such-name"));
        assertEquals(javax.naming.NameNotFoundException.class, e.getCause().getClass());
        assertThrows(JMSRuntimeException.class, () -> factories.resolve("orders"), "a " + Queue.class.getSimpleName());
    }
}
