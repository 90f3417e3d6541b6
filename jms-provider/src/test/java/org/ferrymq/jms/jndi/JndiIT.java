package org.ferrymq.jms.jndi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.naming.InitialContext;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.jms.it.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code new InitialContext()} with the test class path's {@code jndi.properties}: look up the factory and
 * destinations and send/receive through the test broker (embedded FerryMQ, or {@code -Dferrymq.it.amqpUri}).
 */
@Timeout(60)
class JndiIT {
    static final String JNDI_URI_PROPERTY = "ferrymq.it.jndiUri";

    @BeforeEach
    void pointJndiAtTheTestBroker() {
        System.setProperty(JNDI_URI_PROPERTY, TestBroker.amqpUri());
        TestBroker.deleteLater("jms-it.jndi.orders");
    }

    @AfterEach
    void cleanUp() throws Exception {
        TestBroker.cleanUp();
    }

    @Test
    void sendAndReceiveThroughLookedUpObjects() throws Exception {
        InitialContext jndi = new InitialContext();
        try {
            ConnectionFactory cf = (ConnectionFactory) jndi.lookup("ConnectionFactory");
            assertEquals(10, ((FerryConnectionFactory) cf).getPrefetch(), "connectionFactory.ConnectionFactory.prefetch");
            Queue orders = (Queue) jndi.lookup("orders");
            try (JMSContext ctx = cf.createContext()) {
                JMSConsumer consumer = ctx.createConsumer(orders);
                ctx.createProducer().send(orders, "order #1 via JNDI");
                assertEquals("order #1 via JNDI", consumer.receiveBody(String.class, 10_000));
            }
        } finally {
            jndi.close();
        }
    }

    @Test
    void topicFromJndiReachesAWildcardSubscriber() throws Exception {
        InitialContext jndi = new InitialContext();
        try {
            ConnectionFactory cf = (ConnectionFactory) jndi.lookup("java:comp/env/ConnectionFactory");
            Topic weather = (Topic) jndi.lookup("weather");
            try (JMSContext ctx = cf.createContext()) {
                JMSConsumer subscriber = ctx.createConsumer(weather);
                ctx.createProducer().send(ctx.createTopic("weather.europe.paris"), "sunny");
                assertEquals("sunny", subscriber.receiveBody(String.class, 10_000));
            }
        } finally {
            jndi.close();
        }
    }
}
