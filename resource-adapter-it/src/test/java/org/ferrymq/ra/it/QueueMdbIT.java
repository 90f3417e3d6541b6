package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
 * MDBs on queues of an external FerryMQ server: fed by pika and by a servlet using the pooled
 * factory, maxSession concurrency, a queue selector, an administered queue.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class QueueMdbIT {
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
        return Archives.app("queue-app",
                Mdb.of("Orders", "destination", "it.orders", "destinationType", "jakarta.jms.Queue"),
                Mdb.of("Parallel", "destination", "it.parallel", "maxSession", "4", "prefetch", "1"),
                Mdb.of("EuOnly", "destination", "it.regions", "messageSelector", "region = 'eu'"),
                Mdb.of("Admin", "destinationLookup", "java:/jms/ferrymq/queue/orders", "destinationType", "jakarta.jms.Queue"));
    }

    @Test
    void anMdbReceivesWhatPikaAndAServletSend() throws Exception {
        Results.pikaSend(BROKER, "it.orders", 5, null, null);
        Results.get(URI.create(app + "send?queue=it.orders&n=5&text=web"));
        List<Delivery> got = Results.await(BROKER, "it.orders", 10, 60_000);
        Set<String> texts = got.stream().map(Delivery::text).collect(Collectors.toSet());
        assertEquals(Set.of("pika-0", "pika-1", "pika-2", "pika-3", "pika-4", "web-0", "web-1", "web-2", "web-3", "web-4"), texts);
        assertEquals(10, got.size(), "each message exactly once");
    }

    @Test
    void maxSessionSessionsDeliverInParallel() throws Exception {
        Results.get(URI.create(app + "send?queue=it.parallel&n=12&sleepMs=500"));
        List<Delivery> got = Results.await(BROKER, "it.parallel", 12, 60_000);
        assertEquals(12, got.size());
        int most = Results.mostAtOnce(got);
        System.out.printf("maxSession=4: at most %d onMessage calls ran at once on %d threads%n", most,
                got.stream().map(Delivery::thread).distinct().count());
        assertEquals(4, most, "maxSession=4 runs four beans at once, never more");
    }

    @Test
    void aQueueSelectorPicksItsMessagesOnTheBroker() throws Exception {
        Results.pikaSend(BROKER, "it.regions", 3, "region", "us");
        Results.pikaSend(BROKER, "it.regions", 2, "region", "eu");
        List<Delivery> got = Results.await(BROKER, "it.regions", 2, 30_000);
        assertEquals(2, got.size(), "only the two 'eu' messages: " + got);
    }

    @Test
    void anAdministeredQueueFromJndiFeedsAnMdb() throws Exception {
        Results.get(URI.create(app + "send?queue=admin.orders&n=2&text=admin"));
        List<Delivery> got = Results.await(BROKER, "admin.orders", 2, 30_000);
        assertEquals(2, got.size());
        assertTrue(got.stream().allMatch(d -> d.text().startsWith("admin-")));
    }
}
