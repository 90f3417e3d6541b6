package org.ferrymq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's hand-shake with FerryMQ as shipped, not a benchmark: the repository's
 * {@code ./ferrymq} (found upwards from the module directory; the reactor has packaged the
 * server before this module's integration tests) comes up on the data directory and port the
 * harness gives it, carries AMQP, and stops on SIGTERM; a server that cannot start is reported
 * with its reason, never awaited forever.
 */
class FerryBrokerProcessIT {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ferrymqLauncherStartsCarriesMessagesAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path dataDir = Files.createDirectory(dir.resolve("data"));
        FerryBrokerProcess broker = FerryBrokerProcess.start(FerryLauncher.locate(), dataDir, dir.resolve("broker.log"),
                Duration.ofSeconds(90));
        try {
            assertTrue(broker.amqpUri().startsWith("amqp://guest:guest@127.0.0.1:"), broker.amqpUri());
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(broker.amqpUri());
            factory.setConnectionTimeout(10_000);
            try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
                String queue = channel.queueDeclare().getQueue();
                channel.basicPublish("", queue, null, "hello".getBytes());
                GetResponse got = null;
                for (int i = 0; i < 50 && got == null; i++) {
                    got = channel.basicGet(queue, true);
                    if (got == null) {
                        Thread.sleep(50);
                    }
                }
                assertEquals("hello", got == null ? null : new String(got.getBody()));
            }
            assertNull(broker.deathNotice(), "server should still run");
            assertTrue(Files.list(dataDir).findAny().isPresent(), "the server should use the data dir it was given");
        } finally {
            broker.close();
        }
        assertFalse(ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive).orElse(false), "SIGTERM should stop the server");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aServerThatCannotStartIsReportedWithItsReason(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "not a data directory");
        BrokerStartException e = assertThrows(BrokerStartException.class, () -> FerryBrokerProcess.start(
                FerryLauncher.locate(), notADirectory, dir.resolve("broker.log"), Duration.ofSeconds(90)));
        assertTrue(e.getMessage().startsWith("broker failed to start: ./ferrymq exited before it was ready: "), e.getMessage());
    }
}
