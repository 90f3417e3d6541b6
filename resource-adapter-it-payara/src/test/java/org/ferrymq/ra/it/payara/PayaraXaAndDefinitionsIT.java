package org.ferrymq.ra.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.ExternalBroker;
import org.ferrymq.ra.it.Results;
import org.ferrymq.ra.it.Results.Delivery;
import org.h2.tools.Server;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The adapter in Payara installed with {@code FERRYMQ_TX=XATransaction}: a stateless EJB sends
 * through the pooled XA factory and inserts a row into an H2 XA data source in one JTA
 * transaction (commit: both; rollback: neither); {@code @JMSConnectionFactoryDefinition} and
 * {@code @JMSDestinationDefinition} naming the adapter; shared durable and shared non-durable
 * topic subscriptions of two MDBs each. H2 is served over TCP from the test JVM.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class PayaraXaAndDefinitionsIT {
    static final String BROKER = ExternalBroker.get().uri();
    static final Map<String, String> INSTALL = Payara.env("FERRYMQ_BROKER_URI", BROKER, "FERRYMQ_TX", "XATransaction");
    static final String APP = "payara-xa-app";
    static Server h2;
    static String jdbc;

    @Deployment(testable = false)
    static WebArchive up() {
        return Payara.serverUp("xa");
    }

    @BeforeAll
    static void install() throws Exception {
        h2 = Server.createTcpServer("-tcpPort", "0", "-tcpAllowOthers", "-ifNotExists", "-baseDir",
                java.nio.file.Files.createTempDirectory("ferrymq-payara-xa-sends").toString()).start();
        jdbc = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/sends";
        try (Connection c = DriverManager.getConnection(jdbc, "sa", "sa"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sent (text VARCHAR(100))");
        }
        Payara.install(INSTALL);
        Payara.asadmin("create-jdbc-connection-pool", "--datasourceclassname", "org.h2.jdbcx.JdbcDataSource",
                "--restype", "javax.sql.XADataSource", "--property", "user=sa:password=sa:URL=" + jdbc.replace(":", "\\:"), "XaSendsPool");
        Payara.asadmin("create-jdbc-resource", "--connectionpoolid", "XaSendsPool", "jdbc/XaSendsDS");
        Payara.deploy(Payara.app(APP,
                        Mdb.of("SharedLiveA", "destination", "it.shared.live", "destinationType", "jakarta.jms.Topic",
                                "subscriptionName", "payara-live", "shareSubscriptions", "true", "maxSession", "2"),
                        Mdb.of("SharedLiveB", "destination", "it.shared.live", "destinationType", "jakarta.jms.Topic",
                                "subscriptionName", "payara-live", "shareSubscriptions", "true", "maxSession", "2"))
                .addClasses(XaSenderBean.class, XaSendServlet.class, DefinedResourcesServlet.class));
    }

    @AfterAll
    static void uninstall() {
        try {
            Payara.undeploy(APP);
            Payara.asadmin("delete-jdbc-resource", "jdbc/XaSendsDS");
            Payara.asadmin("delete-jdbc-connection-pool", "XaSendsPool");
        } finally {
            Payara.uninstall(INSTALL);
            h2.stop();
        }
    }

    private static URI url(String pathAndQuery) {
        return URI.create(Payara.url(APP) + pathAndQuery);
    }

    private static List<String> rows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, "sa", "sa"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT text FROM sent ORDER BY text")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static String receive(String queue, long timeoutMs) {
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, timeoutMs);
        }
    }

    @Test
    void theScriptInstalledAnXaPoolAndTurnedAutomaticRecoveryOn() {
        assertTrue(Payara.asadmin("get", "resources.connector-connection-pool.ferrymq-pool.transaction-support")
                .contains("transaction-support=XATransaction"));
        assertTrue(Payara.asadmin("get", "configs.config.server-config.transaction-service.automatic-recovery")
                .contains("automatic-recovery=true"));
    }

    @Test
    void anEjbSendsAndInsertsInOneXaTransaction() throws Exception {
        Results.get(url("xa-send?queue=it.xa.sends&text=committed"));
        assertEquals("committed", receive("it.xa.sends", 30_000), "the message of the committed transaction");
        assertTrue(rows().contains("committed"), "the row of the committed transaction");

        // setRollbackOnly: the container rolls the transaction back when the call returns, normally
        assertEquals("done", Results.get(url("xa-send?queue=it.xa.sends&text=rolled-back&rollback=true")).trim());
        assertNull(receive("it.xa.sends", 3000), "no message of the rolled-back transaction");
        assertEquals(List.of("committed"), rows(), "no row of the rolled-back transaction");
    }

    @Test
    void connectionFactoryAndDestinationDefinitionsNamingTheAdapter() throws Exception {
        String sent = Results.get(url("defined?op=send&n=3&text=defined"));
        assertTrue(sent.startsWith("sent 3"), sent);
        List<String> got = new ArrayList<>();
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            JMSConsumer consumer = ctx.createConsumer(ctx.createQueue("it.payara.defined"));
            for (int i = 0; i < 3; i++) {
                got.add(consumer.receiveBody(String.class, 30_000));
            }
            ctx.createProducer().send(ctx.createQueue("it.payara.defined"), "from-the-test");
        }
        assertEquals(List.of("defined-0", "defined-1", "defined-2"), got, "sent with the defined factory to the defined queue, on the adapter's broker");
        assertEquals("from-the-test", Results.get(url("defined?op=receive&n=1")).trim(), "received with the defined factory from the defined queue");
    }

    private static void publish(String topic, int n, String prefix) {
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext()) {
            for (int i = 0; i < n; i++) {
                ctx.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(ctx.createTopic(topic), prefix + "-" + i);
            }
        }
    }

    private static Set<String> texts(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toSet());
    }

    @Test
    void twoMdbsShareANonDurableSubscription() throws Exception {
        publish("it.shared.live", 10, "live");
        List<Delivery> got = Results.await(BROKER, "it.shared.live", 10, 60_000);
        assertEquals(texts("live", 10), got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(10, got.size(), "each message once for the two beans sharing the subscription (unshared: twice)");
    }

    @Test
    void twoMdbsShareADurableSubscriptionThatKeepsMessagesWhileUndeployed() throws Exception {
        WebArchive shared = Payara.app("shared-durable-app",
                Mdb.of("SharedKeptA", "destination", "it.shared.kept", "destinationType", "jakarta.jms.Topic", "subscriptionDurability", "Durable",
                        "subscriptionName", "payara-kept", "shareSubscriptions", "true"),
                Mdb.of("SharedKeptB", "destination", "it.shared.kept", "destinationType", "jakarta.jms.Topic", "subscriptionDurability", "Durable",
                        "subscriptionName", "payara-kept", "shareSubscriptions", "true"));
        Payara.deploy(shared);
        publish("it.shared.kept", 6, "live");
        List<Delivery> live = Results.await(BROKER, "it.shared.kept", 6, 60_000);
        assertEquals(texts("live", 6), live.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(6, live.size(), "each message once for the two beans sharing the subscription");
        Payara.undeploy("shared-durable-app");
        publish("it.shared.kept", 4, "away");   // nobody listening: the shared durable subscription keeps them
        Payara.deploy(shared);
        try {
            List<Delivery> kept = Results.await(BROKER, "it.shared.kept", 4, 60_000);
            assertEquals(texts("away", 4), kept.stream().map(Delivery::text).collect(Collectors.toSet()));
            assertEquals(4, kept.size());
        } finally {
            Payara.undeploy("shared-durable-app");
        }
    }
}
