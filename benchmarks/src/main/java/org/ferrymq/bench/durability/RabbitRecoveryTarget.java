package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * A private RabbitMQ node (benchmarks/rabbitmq-recovery-node.sh: its own node name, port and
 * data directory), never the shared peer, which must not be restarted. RabbitMQ prints no ready
 * line to us ({@code -detached}), so ready = the first AMQP connection it accepts: it starts its
 * listener only after its boot steps, queue recovery included.
 */
final class RabbitRecoveryTarget implements RecoveryTarget {
    static final Path SCRIPT = Path.of("benchmarks", "rabbitmq-recovery-node.sh");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final int port;
    private final Path base;
    private final Path logDir;

    RabbitRecoveryTarget(int port, Path base, Path logDir) {
        this.port = port;
        this.base = base.toAbsolutePath().normalize();
        this.logDir = logDir;
    }

    /** Whether this machine can run the node (the script and rabbitmq-server exist). */
    static String unavailableReason() {
        if (!Files.isExecutable(SCRIPT)) {
            return SCRIPT + " not found (run from the repository root)";
        }
        boolean installed = List.of("/usr/sbin/rabbitmq-server", "/usr/bin/rabbitmq-server", "/usr/local/sbin/rabbitmq-server")
                .stream().anyMatch(p -> Files.isExecutable(Path.of(p)));
        return installed ? null : "rabbitmq-server is not installed";
    }

    @Override
    public String displayName() {
        return "RabbitMQ";
    }

    @Override
    public String storage() {
        return base + " (" + StoreBenchSetup.filesystemOf(base) + ")";
    }

    @Override
    public Launched launch(String label) throws IOException {
        long launched = System.nanoTime();
        script("launch", label, Duration.ofMinutes(1));
        String uri = "amqp://guest:guest@127.0.0.1:" + port;
        long ready = awaitConnection(uri, launched);
        return new Launched() {
            private boolean down;

            @Override
            public Duration timeToReady() {
                return Duration.ofNanos(ready - launched);
            }

            @Override
            public long launchedNanos() {
                return launched;
            }

            @Override
            public String amqpUri() {
                return uri;
            }

            @Override
            public Duration stopCleanly(Duration timeout) throws IOException {
                long start = System.nanoTime();
                script("stop", label, timeout);
                down = true;
                return Duration.ofNanos(System.nanoTime() - start);
            }

            @Override
            public void kill() throws IOException {
                script("kill", label, Duration.ofSeconds(30));
                down = true;
            }

            @Override
            public void close() {
                if (!down) {
                    try {
                        script("kill", label, Duration.ofSeconds(30));
                    } catch (IOException e) {
                        // clean() stops it too
                    }
                }
            }
        };
    }

    @Override
    public void clean() {
        try {
            script("clean", "clean", Duration.ofMinutes(2));
        } catch (IOException e) {
            // left behind under base; the next run uses a fresh base anyway
        }
    }

    private long awaitConnection(String uri, long launched) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new IOException(e);
        }
        factory.setConnectionTimeout(2_000);
        factory.setAutomaticRecoveryEnabled(false);
        long deadline = launched + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection connection = factory.newConnection("ferrymq-recovery-bench-probe")) {
                return System.nanoTime();
            } catch (Exception e) {
                sleep(25);
            }
        }
        throw new IOException("RabbitMQ node not accepting connections within " + START_TIMEOUT.toMinutes() + " min (see " + base + "/log)");
    }

    private void script(String command, String label, Duration timeout) throws IOException {
        Files.createDirectories(logDir);
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("rabbitmq-" + label + ".log").toFile()));
        builder.environment().put("RABBITMQ_RECOVERY_PORT", Integer.toString(port));
        builder.environment().put("RABBITMQ_RECOVERY_BASE", base.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(SCRIPT + " " + command + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (process.exitValue() != 0) {
            throw new IOException(SCRIPT + " " + command + " failed with exit code " + process.exitValue()
                    + " (see " + logDir.resolve("rabbitmq-" + label + ".log") + ")");
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
