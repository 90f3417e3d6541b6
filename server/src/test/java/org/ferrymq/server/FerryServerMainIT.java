package org.ferrymq.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.ferrymq.broker.FerryBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real {@code ./ferrymq} launcher script (told not to build, since this runs inside
 * the Maven build that just packaged the server) from an unrelated working directory, waits for
 * its ready line, talks to it with the RabbitMQ Java client and stops it with SIGTERM.
 *
 * <p>FerryMQ-only: skipped when {@code ferrymq.it.amqpUri} points the suite at another broker.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FerryServerMainIT {
    private static final Pattern READY = Pattern.compile("FerryMQ ready: amqp://([^ ]+):(\\d+) \\(data dir (.+)\\)");
    private static final Path LAUNCHER = Path.of("..", "ferrymq").toAbsolutePath().normalize();

    @TempDir
    Path workDir;

    private Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void onlyAgainstFerryMq() {
        assumeTrue(System.getProperty("ferrymq.it.amqpUri") == null, "tests FerryMQ's own launcher");
        assumeTrue(Files.isRegularFile(LAUNCHER), "launcher script not found at " + LAUNCHER);
    }

    private static void onlyWithARunnableBroker() {
        onlyAgainstFerryMq();
        assumeTrue(brokerCanStart(), "FerryBroker.start() is not implemented yet");
    }

    /** Until the AMQP server lands, FerryBroker.start() throws UnsupportedOperationException. */
    private static boolean brokerCanStart() {
        try (FerryBroker broker = FerryBroker.builder().host("127.0.0.1").amqpPort(0)
                .dataDir(Files.createTempDirectory("ferrymq-it-probe")).start()) {
            return broker.amqpPort() > 0;
        } catch (UnsupportedOperationException notYet) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts the launcher with {@code args}; every output line is collected, and completes the returned future when one matches READY. */
    private CompletableFuture<Matcher> launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        if (!command.contains("--http-port")) {
            command.addAll(List.of("--http-port", "off")); // never the shared 15672 in tests
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("FERRYMQ_SKIP_BUILD", "1");
        process = pb.start();
        CompletableFuture<Matcher> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = READY.matcher(line);
                    if (m.matches()) {
                        ready.complete(m);
                    }
                }
            } catch (IOException e) {
                // process gone
            }
            ready.completeExceptionally(new AssertionError("exited without the ready line; output:\n" + String.join("\n", output)));
        }, "ferrymq-it-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    @Test
    void startsServesAndStops() throws Exception {
        onlyWithARunnableBroker();
        Path dataDir = workDir.resolve("broker-data");
        Matcher ready = launch("--amqp-port", "0", "--data-dir", dataDir.toString()).get(60, TimeUnit.SECONDS);
        assertThat(ready.group(1)).isEqualTo("127.0.0.1");
        int port = Integer.parseInt(ready.group(2));
        assertThat(port).isPositive();
        assertThat(Path.of(ready.group(3))).isEqualTo(dataDir.toAbsolutePath());

        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setConnectionTimeout(10_000);
        try (Connection connection = factory.newConnection("ferrymq-server-it");
             Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare("security-launcher-it", false, false, true, null).getQueue();
            assertThat(queue).isEqualTo("security-launcher-it");
            channel.basicPublish("", queue, null, "hello".getBytes(StandardCharsets.UTF_8));
            GetResponse got = null;
            for (int i = 0; i < 50 && got == null; i++) {
                got = channel.basicGet(queue, true);
                if (got == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(got).isNotNull();
            assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
            channel.queueDelete(queue);
        }

        process.destroy(); // SIGTERM: the shutdown hook closes the broker
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    }

    @Test
    void servesTheConsoleAndSaysWhereOnTheReadyLine() throws Exception {
        onlyWithARunnableBroker();
        int httpPort;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            httpPort = free.getLocalPort();
        }
        launch("--amqp-port", "0", "--http-port", String.valueOf(httpPort), "--data-dir", workDir.resolve("c").toString());
        String readyLine = null;
        for (int i = 0; i < 600 && readyLine == null; i++) {
            readyLine = output.stream().filter(l -> l.startsWith("FerryMQ ready: ")).findFirst().orElse(null);
            if (readyLine == null) {
                Thread.sleep(100);
            }
        }
        assertThat(readyLine).as("output: %s", output)
                .matches("FerryMQ ready: amqp://127\\.0\\.0\\.1:\\d+, console http://127\\.0\\.0\\.1:" + httpPort
                        + "/ \\(data dir .+\\)");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> overview = http.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort + "/api/overview"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("guest:guest".getBytes()))
                .timeout(java.time.Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("\"product_name\":\"FerryMQ\"");
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    }

    @Test
    void defaultDataDirIsUnderTheStartingDirectory() throws Exception {
        onlyWithARunnableBroker();
        Matcher ready = launch("--amqp-port", "0").get(60, TimeUnit.SECONDS);
        assertThat(Path.of(ready.group(3))).isEqualTo(workDir.toAbsolutePath().resolve("data"));
    }

    @Test
    void portInUseFailsWithOneLine() throws Exception {
        onlyWithARunnableBroker();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            launch("--amqp-port", String.valueOf(taken.getLocalPort()), "--data-dir", workDir.resolve("d").toString());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            Thread.sleep(200); // let the reader drain
            assertThat(output).anySatisfy(line -> assertThat(line)
                    .startsWith("ferrymq: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ":"));
        }
    }

    @Test
    void badArgumentsFailWithOneLine() throws Exception {
        onlyAgainstFerryMq();
        launch("--amqp-port", "seventy");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        Thread.sleep(200);
        assertThat(output).containsExactly("ferrymq: --amqp-port must be a number within 0..65535, got 'seventy'");
    }
}
