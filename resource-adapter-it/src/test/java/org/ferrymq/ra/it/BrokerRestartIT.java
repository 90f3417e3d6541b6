package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.Results.Delivery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The external FerryMQ server restarted under an active MDB: no redeploy, nothing lost. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class BrokerRestartIT {
    static final String BROKER = ExternalBroker.get().uri();

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() {
        return Archives.rarFor(BROKER);
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Archives.app("restart-app", Mdb.of("Survivor", "destination", "it.restart", "maxSession", "2", "setupInterval", "500"));
    }

    @Test
    void theMdbKeepsReceivingAfterTheBrokerRestarts() throws Exception {
        Results.pikaSend(BROKER, "it.restart", 20, null, null);
        List<Delivery> before = Results.await(BROKER, "it.restart", 20, 60_000);
        assertEquals(20, before.size());
        ExternalBroker.get().restart();
        Results.pikaSend(BROKER, "it.restart", 20, null, null);
        List<Delivery> after = Results.await(BROKER, "it.restart", 20, 90_000);
        Set<String> texts = after.stream().map(Delivery::text).collect(Collectors.toSet());
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "pika-" + i).collect(Collectors.toSet()), texts,
                "every message sent after the restart reached the MDB, which was not redeployed");
        assertTrue(after.size() >= 20);
    }
}
