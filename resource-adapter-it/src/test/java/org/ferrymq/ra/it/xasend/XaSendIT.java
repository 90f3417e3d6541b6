package org.ferrymq.ra.it.xasend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;

import org.ferrymq.jms.FerryConnectionFactory;
import org.ferrymq.ra.it.Archives;
import org.ferrymq.ra.it.ExternalBroker;
import org.ferrymq.ra.it.Results;
import org.ferrymq.ra.it.WildFlyCli;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sending from a stateless EJB (container-managed, REQUIRED) that also inserts a row into an H2 XA
 * data source: through the adapter's XA pooled factory ({@code @Resource ConnectionFactory} and
 * {@code @Inject JMSContext}) the row and the messages commit together or roll back together
 * (setRollbackOnly, a runtime exception); through a {@code LocalTransaction} factory the same
 * (WildFly enlists it as the transaction's last resource); through a {@code NoTransaction} factory
 * the message is sent at once, whatever the transaction does.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class XaSendIT {
    static final String BROKER = ExternalBroker.get().uri();

    static {
        // before the deployments (Arquillian calls the @Deployment methods after loading the class)
        try {
            Path script = Files.createTempFile("ferrymq-xa-send", ".cli");
            Files.writeString(script, String.join("\n",
                    // one left by an interrupted run (WildFly keeps it in standalone-full.xml) goes first
                    "if (outcome == success) of /subsystem=datasources/xa-data-source=FerryXaSendDS:read-resource",
                    "/subsystem=datasources/xa-data-source=FerryXaSendDS:remove",
                    "end-if",
                    "batch",
                    "/subsystem=datasources/xa-data-source=FerryXaSendDS:add(jndi-name=" + XaSenderBean.DATA_SOURCE
                            + ", driver-name=h2, user-name=sa, password=sa)",
                    "/subsystem=datasources/xa-data-source=FerryXaSendDS/xa-datasource-properties=URL:add(value=\"jdbc:h2:mem:ferrymq-xa-send;DB_CLOSE_DELAY=-1\")",
                    "run-batch", ""));
            WildFlyCli.run("--file=" + script);
            Files.delete(script);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void removeTheDataSource() throws Exception {
        WildFlyCli.run("--command=/subsystem=datasources/xa-data-source=FerryXaSendDS:remove");
    }

    @ArquillianResource
    @OperateOnDeployment("app")
    URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Archives.xaRar(BROKER);
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "xa-send.war").addClasses(XaSenderBean.class, XaSendServlet.class)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"annotated\"/>"),
                        "beans.xml");
    }

    private String call(String factory, String key, String outcome) throws Exception {
        return Results.get(URI.create(app + "xa?factory=" + factory + "&queue=it.xasend." + key + "&key=" + key + "&outcome=" + outcome));
    }

    private int rows(String key) throws Exception {
        return Integer.parseInt(Results.get(URI.create(app + "xa?rows=" + key)).trim());
    }

    /** Everything in the queue, waiting up to 3 s for the first message and 1 s for each next one (the bean has returned: a commit is done). */
    private static Set<String> drain(String queue) {
        List<String> got = new ArrayList<>();
        try (JMSContext ctx = new FerryConnectionFactory(BROKER).createContext();
                JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(queue))) {
            String body;
            long wait = 3_000;
            while ((body = consumer.receiveBody(String.class, wait)) != null) {
                got.add(body);
                wait = 1_000;
            }
        }
        assertEquals(got.size(), Set.copyOf(got).size(), "no duplicates: " + got);
        return Set.copyOf(got);
    }

    @Test
    void xaCommitDeliversTheMessagesAndKeepsTheRow() throws Exception {
        assertEquals("returned", call("xa", "xa-commit", "commit"));
        assertEquals(Set.of("xa-commit-resource", "xa-commit-inject"), drain("it.xasend.xa-commit"));
        assertEquals(1, rows("xa-commit"));
    }

    @Test
    void xaSetRollbackOnlyDropsTheMessagesAndTheRow() throws Exception {
        assertEquals("returned", call("xa", "xa-rbo", "rollbackOnly"));
        assertEquals(Set.of(), drain("it.xasend.xa-rbo"), "nothing delivered from a rolled-back transaction");
        assertEquals(0, rows("xa-rbo"));
    }

    @Test
    void xaRuntimeExceptionDropsTheMessagesAndTheRow() throws Exception {
        assertTrue(call("xa", "xa-throw", "throw").startsWith("rolled back"));
        assertEquals(Set.of(), drain("it.xasend.xa-throw"), "nothing delivered from a rolled-back transaction");
        assertEquals(0, rows("xa-throw"));
    }

    @Test
    void aLocalTransactionFactoryCommitsAndRollsBackWithTheTransaction() throws Exception {
        assertEquals("returned", call("local", "local-commit", "commit"));
        assertEquals(Set.of("local-commit-local"), drain("it.xasend.local-commit"));
        assertEquals(1, rows("local-commit"));
        assertTrue(call("local", "local-throw", "throw").startsWith("rolled back"));
        assertEquals("returned", call("local", "local-rbo", "rollbackOnly"));
        assertEquals(Set.of(), drain("it.xasend.local-throw"));
        assertEquals(Set.of(), drain("it.xasend.local-rbo"));
        assertEquals(0, rows("local-throw") + rows("local-rbo"));
    }

    @Test
    void aNoTransactionFactorySendsAtOnceWhateverTheTransactionDoes() throws Exception {
        assertTrue(call("notx", "notx-throw", "throw").startsWith("rolled back"));
        assertEquals(Set.of("notx-throw-notx"), drain("it.xasend.notx-throw"), "sent outside the transaction");
        assertEquals(0, rows("notx-throw"), "the row rolled back");
    }
}
