package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.URL;
import java.util.List;

import jakarta.jms.JMSContext;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.Results.Delivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bean that throws: the message comes back (JMSRedelivered, JMSXDeliveryCount) and after
 * maxDeliveryAttempts goes to the dead-letter queue. In a container transaction (the default)
 * what the bean sent through the pooled factory is rolled back with it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class RedeliveryIT {
    static final String BROKER = ExternalBroker.get().uri();

    @ArquillianResource
    @OperateOnDeployment("app")
    URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Archives.rarFor(BROKER);
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Archives.app("redelivery-app",
                Mdb.of("Poison", "destination", "it.poison", "maxDeliveryAttempts", "3", "deadLetterQueue", "it.poison.dlq",
                        "@tx", "NotSupported"),
                Mdb.of("PoisonTx", "destination", "it.poison.tx", "maxDeliveryAttempts", "3", "deadLetterQueue", "it.poison.tx.dlq"));
    }

    private static String deadLetter(String queue) {
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, 60_000);
        }
    }

    @Test
    void redeliveredThenDeadLettered() throws Exception {
        Results.get(URI.create(app + "send?queue=it.poison&fail=1&text=poison"));
        List<Delivery> got = Results.await(BROKER, "it.poison", 3, 60_000);
        assertEquals(List.of("false/1", "true/2", "true/3"), got.stream().map(d -> d.redelivered() + "/" + d.deliveryCount()).toList());
        assertEquals("poison-0", deadLetter("it.poison.dlq"));
    }

    @Test
    void inAContainerTransactionTheBeansSendsRollBackWithIt() throws Exception {
        Results.get(URI.create(app + "send?queue=it.poison.tx&fail=1&text=tx"));
        assertNotNull(deadLetter("it.poison.tx.dlq"), "dead-lettered after 3 rolled-back deliveries");
        assertEquals(List.of(), Results.await(BROKER, "it.poison.tx", 0, 1000), "no report of a rolled-back delivery was delivered");
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue("it.poison.tx")).receive(500));
        }
    }
}
