package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's hand-shake with the broker JVM, not a benchmark: {@link BenchBroker} in a child
 * JVM either comes up and accepts TCP on the port it announces, or reports "broker failed to
 * start" with the reason (what it does until the AMQP server is wired up) — never hangs.
 */
class FerryBrokerProcessIT {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void brokerJvmAnnouncesItsPortOrSaysWhyItFailed(@TempDir Path logs) throws IOException {
        Path log = logs.resolve("broker.log");
        try (FerryBrokerProcess broker = FerryBrokerProcess.start(JavaLauncher.ofCurrentJvm(),
                List.of("-Xmx256m", "-Dlogback.configurationFile=logback-bench.xml"), log, Duration.ofSeconds(60))) {
            URI uri = URI.create(broker.amqpUri());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            }
            assertTrue(broker.deathNotice() == null, "broker JVM should still run");
        } catch (BrokerStartException e) {
            // BenchBroker itself must have run and said why (not a JVM that could not even load it)
            assertTrue(e.getMessage().startsWith("broker failed to start: ")
                    && !e.getMessage().contains("exited before it was ready"), e.getMessage());
        }
    }
}
