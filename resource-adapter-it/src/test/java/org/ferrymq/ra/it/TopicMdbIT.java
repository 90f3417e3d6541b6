package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.Results.Delivery;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Topic MDBs: a selector on a subscription, and a durable subscription across undeploy/redeploy. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class TopicMdbIT {
    static final String BROKER = ExternalBroker.get().uri();

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Archives.rarFor(BROKER);
    }

    @Deployment(name = "topic-app", order = 2, testable = false)
    static WebArchive app() {
        return Archives.app("topic-app",
                Mdb.of("WeatherEu", "destination", "it.weather.#", "destinationType", "jakarta.jms.Topic", "messageSelector", "region = 'eu'"));
    }

    @Deployment(name = "durable-app", order = 3, testable = false, managed = false)
    static WebArchive durableApp() {
        return Archives.app("durable-app",
                Mdb.of("Prices", "destination", "it.prices.#", "destinationType", "jakarta.jms.Topic",
                        "subscriptionDurability", "Durable", "subscriptionName", "prices", "clientId", "it-durable"));
    }

    private static void publish(String topic, int n, String region) {
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            for (int i = 0; i < n; i++) {
                ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty("region", region)
                        .send(ctx.createTopic(topic), region + "-" + i);
            }
        }
    }

    @Test
    void aTopicSelectorDeliversOnlyMatchingMessages() throws Exception {
        publish("it.weather.today", 3, "us");
        publish("it.weather.today", 2, "eu");
        List<Delivery> got = Results.await(BROKER, "it.weather.today", 2, 30_000);
        assertEquals(Set.of("eu-0", "eu-1"), got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(2, got.size());
    }

    @Test
    void aDurableSubscriptionKeepsMessagesWhileTheApplicationIsUndeployed() throws Exception {
        deployer.deploy("durable-app");
        publish("it.prices.eur", 1, "live");
        assertEquals(1, Results.await(BROKER, "it.prices.eur", 1, 30_000).size());
        deployer.undeploy("durable-app");
        publish("it.prices.eur", 3, "away");   // nobody listening: the subscription keeps them
        deployer.deploy("durable-app");
        try {
            List<Delivery> got = Results.await(BROKER, "it.prices.eur", 3, 60_000);
            assertEquals(Set.of("away-0", "away-1", "away-2"), got.stream().map(Delivery::text).collect(Collectors.toSet()));
            assertEquals(3, got.size());
        } finally {
            deployer.undeploy("durable-app");
        }
    }
}
