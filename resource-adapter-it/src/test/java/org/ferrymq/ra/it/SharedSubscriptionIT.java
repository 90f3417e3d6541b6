package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

/**
 * Shared topic subscriptions through MDBs (Jakarta Messaging 3.1 activation properties
 * {@code shareSubscriptions}, {@code subscriptionName}, {@code subscriptionDurability}): two
 * applications whose MDBs share one subscription split its messages, each message reaching one of
 * them once; a shared durable subscription keeps messages while both are undeployed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class SharedSubscriptionIT {
    static final String BROKER = ExternalBroker.get().uri();
    static final int MESSAGES = 40;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Archives.rarFor(BROKER);
    }

    private static WebArchive sharing(String app, String durability, String topic, String subscription) {
        // maxSession 2 per app, no clientId: the subscription is identified by its name alone
        return Archives.app(app, Mdb.of("Shared", "destination", topic, "destinationType", "jakarta.jms.Topic",
                "shareSubscriptions", "true", "subscriptionName", subscription, "subscriptionDurability", durability, "maxSession", "2"));
    }

    @Deployment(name = "nondurable-a", order = 2, testable = false, managed = false)
    static WebArchive nonDurableA() {
        return sharing("shared-nondurable-a", "NonDurable", "it.shared.live.#", "live-sub");
    }

    @Deployment(name = "nondurable-b", order = 3, testable = false, managed = false)
    static WebArchive nonDurableB() {
        return sharing("shared-nondurable-b", "NonDurable", "it.shared.live.#", "live-sub");
    }

    @Deployment(name = "durable-a", order = 4, testable = false, managed = false)
    static WebArchive durableA() {
        return sharing("shared-durable-a", "Durable", "it.shared.kept.#", "kept-sub");
    }

    @Deployment(name = "durable-b", order = 5, testable = false, managed = false)
    static WebArchive durableB() {
        return sharing("shared-durable-b", "Durable", "it.shared.kept.#", "kept-sub");
    }

    private static void publish(String topic, String prefix, int n) {
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            for (int i = 0; i < n; i++) {
                ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(ctx.createTopic(topic), prefix + "-" + i);
            }
        }
    }

    private static Set<String> texts(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toSet());
    }

    /** Each message once across both applications, and both got some. */
    private static void assertSplitOnce(List<Delivery> got, String prefix, String appA, String appB) {
        assertEquals(texts(prefix, MESSAGES), got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(MESSAGES, got.size(), "each message once across the two applications");
        Map<String, Long> byApp = got.stream().collect(Collectors.groupingBy(Delivery::module, Collectors.counting()));
        assertEquals(Set.of(appA, appB), byApp.keySet(), "both applications took part: " + byApp);
        System.out.println(prefix + " split between the applications: " + byApp);
    }

    @Test
    void twoApplicationsShareANonDurableSubscription() throws Exception {
        deployer.deploy("nondurable-a");
        deployer.deploy("nondurable-b");
        try {
            publish("it.shared.live.eu", "live", MESSAGES);
            assertSplitOnce(Results.await(BROKER, "it.shared.live.eu", MESSAGES, 60_000), "live", "shared-nondurable-a", "shared-nondurable-b");
        } finally {
            deployer.undeploy("nondurable-b");
            deployer.undeploy("nondurable-a");
        }
        publish("it.shared.live.eu", "gone", 3);   // no subscriber left: a non-durable subscription ends with its last consumer
        assertEquals(List.of(), Results.await(BROKER, "it.shared.live.eu", 0, 1000));
    }

    @Test
    void twoApplicationsShareADurableSubscriptionThatKeepsMessagesWhileUndeployed() throws Exception {
        deployer.deploy("durable-a");
        deployer.deploy("durable-b");
        try {
            publish("it.shared.kept.eu", "kept", MESSAGES);
            assertSplitOnce(Results.await(BROKER, "it.shared.kept.eu", MESSAGES, 60_000), "kept", "shared-durable-a", "shared-durable-b");
        } finally {
            deployer.undeploy("durable-b");
            deployer.undeploy("durable-a");
        }
        publish("it.shared.kept.eu", "away", 5);   // both undeployed: the shared durable subscription keeps them
        assertEquals(List.of(), Results.await(BROKER, "it.shared.kept.eu", 0, 1000));
        deployer.deploy("durable-b");
        try {
            List<Delivery> got = Results.await(BROKER, "it.shared.kept.eu", 5, 60_000);
            assertEquals(texts("away", 5), got.stream().map(Delivery::text).collect(Collectors.toSet()));
            assertEquals(5, got.size());
            assertTrue(got.stream().allMatch(d -> d.module().equals("shared-durable-b")));
        } finally {
            deployer.undeploy("durable-b");
        }
    }
}
