package org.ferrymq.ra.it.payara;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
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
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zero infrastructure in Payara: {@code FERRYMQ_EMBEDDED=true ferrymq-payara-install.sh} runs the
 * broker inside the server; a servlet sends over vm://, pika over the embedded AMQP port (inside
 * Payara's port range), the MDB gets both. Also checks that everything Payara listens on, the
 * embedded broker included, is on 127.0.0.1 and in the module's port range.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(600)
class PayaraEmbeddedBrokerIT {
    static final int PORT = Payara.PORTBASE + 672;
    static final String AMQP = "amqp://guest:guest@127.0.0.1:" + PORT;
    static final String APP = "payara-embedded-app";
    static final Map<String, String> INSTALL = Payara.env("FERRYMQ_EMBEDDED", "true",
            "FERRYMQ_EMBEDDED_AMQP_PORT", String.valueOf(PORT), "FERRYMQ_EMBEDDED_DATA_DIR", tempDir());

    static String tempDir() {
        try {
            return Files.createTempDirectory("ferrymq-payara-embedded").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Deployment(testable = false)
    static WebArchive up() {
        return Payara.serverUp("embedded");
    }

    @BeforeAll
    static void install() {
        Payara.install(INSTALL);
        Payara.deploy(Payara.app(APP, Mdb.of("Embedded", "destination", "it.embedded")));
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
    void mdbsWorkWithTheEmbeddedBrokerAndPikaTalksToIt() throws Exception {
        Results.get(URI.create(Payara.url(APP) + "send?queue=it.embedded&n=3&text=web"));   // servlet -> vm:// -> MDB
        Results.pikaSend(AMQP, "it.embedded", 3, null, null);                                // pika -> AMQP port -> MDB
        List<Delivery> got = Results.await(AMQP, "it.embedded", 6, 60_000);                   // reports read over AMQP
        assertEquals(Set.of("web-0", "web-1", "web-2", "pika-0", "pika-1", "pika-2"),
                got.stream().map(Delivery::text).collect(Collectors.toSet()));
        assertEquals(6, got.size());
        assertTrue(Payara.serverLog().contains("FerryMQ resource adapter started (embedded broker"), "logged in server.log");
    }

    @Test
    void everyPortPayaraListensOnIsOnLoopbackAndInRange() {
        List<ListeningSockets.Socket> sockets = ListeningSockets.of(Payara.pid());
        System.out.println("Payara (pid " + Payara.pid() + ") listens on " + sockets);
        assertTrue(sockets.stream().anyMatch(s -> s.port() == Payara.HTTP_PORT), "found the HTTP listener: " + sockets);
        assertTrue(sockets.stream().anyMatch(s -> s.port() == PORT), "found the embedded broker: " + sockets);
        for (ListeningSockets.Socket s : sockets) {
            assertTrue(ListeningSockets.isLoopback(s.address()), s + " is not on 127.0.0.1");
            assertTrue(s.port() >= Payara.PORTBASE && s.port() <= Payara.PORTBASE + 999,
                    s + " is outside " + Payara.PORTBASE + "-" + (Payara.PORTBASE + 999));
        }
    }
}
