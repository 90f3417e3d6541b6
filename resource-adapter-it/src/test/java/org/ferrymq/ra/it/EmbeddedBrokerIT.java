package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
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

/** Zero infrastructure: the adapter runs the broker inside WildFly; pika reaches it on its AMQP port. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class EmbeddedBrokerIT {
    static final int PORT = freePort();
    static final String AMQP = "amqp://guest:guest@127.0.0.1:" + PORT;

    @ArquillianResource
    @OperateOnDeployment("app")
    URL app;

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive rar() throws IOException {
        return Archives.rar(Map.of("EmbeddedBroker", "true", "EmbeddedAmqpPort", String.valueOf(PORT),
                "EmbeddedDataDir", Files.createTempDirectory("ferrymq-embedded-it").toString()));
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return Archives.app("embedded-app", Mdb.of("Embedded", "destination", "it.embedded"));
    }

    @Test
    void mdbsWorkWithTheEmbeddedBrokerAndPikaTalksToIt() throws Exception {
        Results.get(URI.create(app + "send?queue=it.embedded&n=3&text=web"));   // servlet -> vm:// -> MDB
        Results.pikaSend(AMQP, "it.embedded", 3, null, null);                  // pika -> AMQP port -> MDB
        List<Delivery> got = Results.await(AMQP, "it.embedded", 6, 60_000);       // reports read over AMQP
        assertEquals(Set.of("web-0", "web-1", "web-2", "pika-0", "pika-1", "pika-2"),
                got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(6, got.size());
    }
}
