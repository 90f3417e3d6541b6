package org.ferrymq.ra.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.ExternalBroker;
import org.ferrymq.ra.it.Results;
import org.ferrymq.ra.it.Results.Delivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter in Payara 6 against an external FerryMQ server, installed by
 * {@code ferrymq-payara-install.sh} (the pool, the connector resource jms/ferrymq/CF and the
 * administered objects): MDBs bound by glassfish-ejb-jar.xml and by the {@code resourceAdapter}
 * activation property, fed by pika and by a servlet sending through the pool; maxSession
 * concurrency; queue and topic selectors; administered Queue and Topic from JNDI; redelivery then
 * dead-lettering; a durable subscription across undeploy/redeploy. Arquillian only runs the
 * server; the adapter and the applications are deployed with asadmin, as a user does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraExternalBrokerIT {
    static final String BROKER = ExternalBroker.get().uri();
    static final Map<String, String> INSTALL = Payara.env("FERRYMQ_BROKER_URI", BROKER,
            "FERRYMQ_QUEUES", "admin.orders", "FERRYMQ_TOPICS", "admin.news");
    static final String APP = "payara-app";

    @Deployment(testable = false)
    static WebArchive up() {
        return Payara.serverUp("external");
    }

    @BeforeAll
    static void install() {
        Payara.install(INSTALL);
        Payara.deploy(app());
    }

    @AfterAll
    static void uninstall() {
        try {
            Payara.undeploy(APP);
        } finally {
            Payara.uninstall(INSTALL);
        }
    }

    static WebArchive app() {
        return Payara.app(APP,
                Mdb.of("Orders", "destination", "it.orders", "destinationType", "jakarta.jms.Queue"),
                Mdb.of("Parallel", "destination", "it.parallel", "maxSession", "4", "prefetch", "1"),
                Mdb.of("EuOnly", "destination", "it.regions", "messageSelector", "region = 'eu'"),
                Mdb.of("WeatherEu", "destination", "it.weather.#", "destinationType", "jakarta.jms.Topic", "messageSelector", "region = 'eu'"),
                Mdb.of("AdminQueue", "destinationLookup", "jms/ferrymq/queue/admin.orders", "destinationType", "jakarta.jms.Queue"),
                Mdb.of("AdminTopic", "destinationLookup", "jms/ferrymq/topic/admin.news", "destinationType", "jakarta.jms.Topic"),
                Mdb.of("Survivor", "destination", "it.restart", "maxSession", "2", "setupInterval", "500"),
                Mdb.of("Poison", "destination", "it.poison", "maxDeliveryAttempts", "3", "deadLetterQueue", "it.poison.dlq", "@tx", "NotSupported"),
                Mdb.of("PoisonTx", "destination", "it.poison.tx", "maxDeliveryAttempts", "3", "deadLetterQueue", "it.poison.tx.dlq"))
                .addClass(AnnotatedMdb.class);
    }

    static URI send(String query) {
        return URI.create(Payara.url(APP) + "send?" + query);
    }

    /** Last: the broker's restart must not slow the other tests down. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anActiveMdbKeepsReceivingAfterTheExternalBrokerRestarts() throws Exception {
        Results.pikaSend(BROKER, "it.restart", 20, null, null);
        assertEquals(20, Results.await(BROKER, "it.restart", 20, 60_000).size());
        ExternalBroker.get().restart();
        Results.pikaSend(BROKER, "it.restart", 20, null, null);
        List<Delivery> after = Results.await(BROKER, "it.restart", 20, 90_000);
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "pika-" + i).collect(Collectors.toSet()),
                after.stream().map(Delivery::text).collect(Collectors.toSet()),
                "every message sent after the restart reached the MDB, which was not redeployed");
        assertTrue(Payara.asadmin("list-applications").contains(APP));
        assertTrue(Payara.serverLog().contains("FerryMQ activation queue it.restart lost its connection"),
                "the lost connection was logged");
    }

    @Test
    void theScriptDeployedTheAdapterThePoolAndTheAdministeredObjects() {
        assertTrue(Payara.asadmin("list-applications", "--type", "connector").contains(Payara.RA));
        assertTrue(Payara.asadmin("list-connector-resources").contains(Payara.CF));
        String admin = Payara.asadmin("list-admin-objects");
        assertTrue(admin.contains("jms/ferrymq/queue/admin.orders") && admin.contains("jms/ferrymq/topic/admin.news"), admin);
        assertTrue(Payara.asadmin("ping-connection-pool", "ferrymq-pool").contains("executed successfully"));
        assertTrue(Payara.serverLog().contains("FerryMQ resource adapter started (broker " + BROKER),
                "the adapter's SLF4J logging reaches server.log");
    }

    @Test
    void aDescriptorBoundMdbReceivesWhatPikaAndAServletSend() throws Exception {
        Results.pikaSend(BROKER, "it.orders", 5, null, null);
        Results.get(send("queue=it.orders&n=5&text=web"));
        List<Delivery> got = Results.await(BROKER, "it.orders", 10, 60_000);
        assertEquals(Set.of("pika-0", "pika-1", "pika-2", "pika-3", "pika-4", "web-0", "web-1", "web-2", "web-3", "web-4"),
                got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(10, got.size(), "each message exactly once");
    }

    @Test
    void theResourceAdapterActivationPropertyBindsAnMdb() throws Exception {
        // Payara reads resourceAdapter from @ActivationConfigProperty only: in ejb-jar.xml it is
        // ignored and the bean goes to OpenMQ's jmsra (see resource-adapter/README.md)
        Results.pikaSend(BROKER, "it.annotated", 2, null, null);
        assertEquals(2, Results.await(BROKER, "it.annotated", 2, 60_000).size(), "@ActivationConfigProperty resourceAdapter");
    }

    @Test
    void maxSessionSessionsDeliverInParallel() throws Exception {
        Results.get(send("queue=it.parallel&n=12&sleepMs=500"));
        List<Delivery> got = Results.await(BROKER, "it.parallel", 12, 60_000);
        assertEquals(12, got.size());
        int most = Results.mostAtOnce(got);
        System.out.printf("Payara, maxSession=4: at most %d onMessage calls ran at once on %d threads%n", most,
                got.stream().map(Delivery::thread).distinct().count());
        assertEquals(4, most, "maxSession=4 runs four beans at once, never more");
    }

    @Test
    void queueAndTopicSelectors() throws Exception {
        Results.pikaSend(BROKER, "it.regions", 3, "region", "us");
        Results.pikaSend(BROKER, "it.regions", 2, "region", "eu");
        assertEquals(2, Results.await(BROKER, "it.regions", 2, 30_000).size(), "only the two 'eu' messages on the queue");
        Results.get(send("topic=it.weather.today&n=3&prop=region&value=us&text=us"));
        Results.get(send("topic=it.weather.today&n=2&prop=region&value=eu&text=eu"));
        List<Delivery> got = Results.await(BROKER, "it.weather.today", 2, 30_000);
        assertEquals(Set.of("eu-0", "eu-1"), got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(2, got.size());
    }

    @Test
    void administeredQueueAndTopicFromJndiFeedMdbs() throws Exception {
        Results.get(send("queue=admin.orders&n=2&text=admin"));
        List<Delivery> queue = Results.await(BROKER, "admin.orders", 2, 30_000);
        assertEquals(2, queue.size());
        assertTrue(queue.stream().allMatch(d -> d.text().startsWith("admin-")));
        Results.get(send("topic=admin.news&n=2&text=news"));
        assertEquals(2, Results.await(BROKER, "admin.news", 2, 30_000).size());
    }

    private static String deadLetter(String queue) {
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, 60_000);
        }
    }

    @Test
    void redeliveredThenDeadLettered() throws Exception {
        Results.get(send("queue=it.poison&fail=1&text=poison"));
        List<Delivery> got = Results.await(BROKER, "it.poison", 3, 60_000);
        assertEquals(List.of("false/1", "true/2", "true/3"), got.stream().map(d -> d.redelivered() + "/" + d.deliveryCount()).toList());
        assertEquals("poison-0", deadLetter("it.poison.dlq"));
    }

    @Test
    void inAContainerTransactionTheBeansSendsRollBackWithIt() throws Exception {
        Results.get(send("queue=it.poison.tx&fail=1&text=tx"));
        assertNotNull(deadLetter("it.poison.tx.dlq"), "dead-lettered after 3 rolled-back deliveries");
        assertEquals(List.of(), Results.await(BROKER, "it.poison.tx", 0, 1000), "no report of a rolled-back delivery was delivered");
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            assertNull(ctx.createConsumer(ctx.createQueue("it.poison.tx")).receive(500));
        }
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
    void aDurableSubscriptionKeepsMessagesWhileTheApplicationIsUndeployed() throws Exception {
        WebArchive durable = Payara.app("durable-app",
                Mdb.of("Prices", "destination", "it.prices.#", "destinationType", "jakarta.jms.Topic",
                        "subscriptionDurability", "Durable", "subscriptionName", "prices", "clientId", "it-durable"));
        Payara.deploy(durable);
        publish("it.prices.eur", 1, "live");
        assertEquals(1, Results.await(BROKER, "it.prices.eur", 1, 30_000).size());
        Payara.undeploy("durable-app");
        publish("it.prices.eur", 3, "away");   // nobody listening: the subscription keeps them
        Payara.deploy(durable);
        try {
            List<Delivery> got = Results.await(BROKER, "it.prices.eur", 3, 60_000);
            assertEquals(Set.of("away-0", "away-1", "away-2"), got.stream().map(Delivery::text).collect(Collectors.toSet()));
            assertEquals(3, got.size());
        } finally {
            Payara.undeploy("durable-app");
        }
    }
}
