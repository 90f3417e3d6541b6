package org.ferrymq.ra.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.Results;
import org.ferrymq.ra.it.Results.Delivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same MDB in Payara against the RabbitMQ 3.10 peer ({@code RABBITMQ_PEER_URI}), the adapter
 * installed by the script with {@code FERRYMQ_BROKER_URI} pointing there: pika and the servlet
 * (pooled factory, local transactions: RabbitMQ has no XA) feed the MDB; a queue selector, which
 * AMQP 0-9-1 cannot apply to a shared queue, fails the application's deployment with the reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
@EnabledIfEnvironmentVariable(named = "RABBITMQ_PEER_URI", matches = ".+")
class PayaraRabbitMqIT {
    static final String RABBIT = System.getenv("RABBITMQ_PEER_URI");
    static final Map<String, String> INSTALL = Payara.env("FERRYMQ_BROKER_URI", RABBIT == null ? "" : RABBIT,
            "FERRYMQ_TX", "LocalTransaction");
    static final String APP = "payara-rabbit-app";
    static final String QUEUE = "ferrymq-ra-payara.orders";

    @Deployment(testable = false)
    static WebArchive up() {
        return Payara.serverUp("rabbitmq");
    }

    @BeforeAll
    static void install() {
        Payara.install(INSTALL);
        Payara.deploy(Payara.app(APP, Mdb.of("RabbitOrders", "destination", QUEUE, "maxSession", "2")));
    }

    @AfterAll
    static void uninstall() {
        try {
            Payara.undeploy(APP);
        } finally {
            Payara.uninstall(INSTALL);
        }
    }

    @Test
    void anMdbReceivesFromRabbitMqWhatPikaAndTheServletSend() throws Exception {
        Results.get(URI.create(Payara.url(APP) + "send?queue=" + QUEUE + "&n=3&text=web"));
        Results.pikaSend(RABBIT, QUEUE, 3, null, null);
        List<Delivery> got = Results.await(RABBIT, QUEUE, 6, 60_000);
        assertEquals(Set.of("web-0", "web-1", "web-2", "pika-0", "pika-1", "pika-2"),
                got.stream().map(Delivery::text).collect(Collectors.toSet()));
    }

    @Test
    void aQueueSelectorIsRefusedAtDeploymentWithTheReason() {
        WebArchive selector = Payara.app("payara-rabbit-selector-app",
                Mdb.of("RabbitSelector", "destination", "ferrymq-ra-payara.selected", "messageSelector", "region = 'eu'"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Payara.deploy(selector));
        System.out.println("Payara refused the deployment: " + e.getMessage());
        assertTrue(Payara.serverLog().contains("FerryMQ cannot activate queue ferrymq-ra-payara.selected [region = 'eu']"),
                "server.log names the refused activation and why");
        assertFalse(Payara.asadmin("list-applications").contains("payara-rabbit-selector-app"), "the application is not deployed");
    }
}
