package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.Results.Delivery;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same MDB against the RabbitMQ 3.10 peer: delivery and pooled sending work; a queue selector
 * (which AMQP 0-9-1 cannot apply to a shared queue) is refused when the MDB is deployed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
@EnabledIfEnvironmentVariable(named = "RABBITMQ_PEER_URI", matches = ".+")
class RabbitMqIT {
    static final String RABBIT = System.getenv("RABBITMQ_PEER_URI");

    @ArquillianResource
    @OperateOnDeployment("app")
    URL app;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        // RabbitMQ has no XA: the pooled factory offers local transactions only
        return Archives.rar(java.util.Map.of("BrokerURI", RABBIT), java.util.Map.of("TransactionSupportLevel", "LocalTransaction"));
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Archives.app("rabbit-app", Mdb.of("RabbitOrders", "destination", "ferrymq-ra-it.orders", "maxSession", "2"));
    }

    @Deployment(name = "selector-app", order = 3, testable = false, managed = false)
    static WebArchive selectorApp() {
        return Archives.app("rabbit-selector-app",
                Mdb.of("RabbitSelector", "destination", "ferrymq-ra-it.selected", "messageSelector", "region = 'eu'"));
    }

    @Test
    void anMdbReceivesFromRabbitMqWhatPikaAndTheServletSend() throws Exception {
        Results.get(URI.create(app + "send?queue=ferrymq-ra-it.orders&n=3&text=web"));
        Results.pikaSend(RABBIT, "ferrymq-ra-it.orders", 3, null, null);
        List<Delivery> got = Results.await(RABBIT, "ferrymq-ra-it.orders", 6, 60_000);
        assertEquals(Set.of("web-0", "web-1", "web-2", "pika-0", "pika-1", "pika-2"),
                got.stream().map(Delivery::text).collect(Collectors.toSet()));
    }

    @Test
    void aQueueSelectorIsRefusedAtDeployment() throws Exception {
        Exception e = assertThrows(Exception.class, () -> deployer.deploy("selector-app"));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String serverLog = Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"));
        assertTrue(trace.toString().contains("selector") || serverLog.contains("FerryMQ cannot activate queue ferrymq-ra-it.selected"),
                "the deployment failed naming the refused selector");
        assertTrue(serverLog.contains("FerryMQ cannot activate queue ferrymq-ra-it.selected"), "the server log says why");
    }
}
