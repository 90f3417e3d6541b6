package org.ferrymq.bench.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ferrymq.bench.JavaLauncher;

/**
 * The real FerryMQ server ({@value #MAIN_CLASS}, what {@code ./ferrymq} runs) in a child JVM on a
 * given data directory, with the time from launching the process to its ready line. Stopped
 * with SIGTERM (a clean stop: the server's shutdown hook closes the broker) or SIGKILL (a crash).
 *
 * <p>Threading: one daemon thread copies the child's output to a log file and watches for the
 * ready line; the rest is called from the benchmark's thread.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String MAIN_CLASS = "org.ferrymq.server.FerryServerMain";

    private final Process process;
    private final long launchedNanos;
    private final long readyNanos;
    private final String amqpUri;

    private ServerProcess(Process process, long launchedNanos, long readyNanos, String amqpUri) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.readyNanos = readyNanos;
        this.amqpUri = amqpUri;
    }

    /**
     * Launches the server on {@code dataDir} and an ephemeral port and waits for its ready line.
     *
     * @throws IOException when it exits, says it failed, or is not ready within {@code timeout}
     */
    public static ServerProcess start(JavaLauncher serverJava, List<String> jvmOptions, Path dataDir, Path log,
                                      Duration timeout) throws IOException {
        Files.createDirectories(log.getParent());
        List<String> args = List.of("--amqp-port", "0", "--http-port", "off", "--data-dir", dataDir.toString());
        ProcessBuilder builder = serverJava.processBuilder(jvmOptions, MAIN_CLASS, args);
        CompletableFuture<ReadyLine> ready = new CompletableFuture<>();
        long launched = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        Thread copier = new Thread(() -> copyOutput(process, log, ready), "recovery-bench-server-output");
        copier.setDaemon(true);
        copier.start();
        try {
            ReadyLine line = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(process, launched, line.seenNanos(), line.amqpUri());
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("FerryMQ server did not start: " + e.getCause().getMessage() + " (see " + log + ")");
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("FerryMQ server not ready within " + timeout.toSeconds() + " s (see " + log + ")");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server started");
        }
    }

    /** The ready line and when this JVM read it. */
    private record ReadyLine(String amqpUri, long seenNanos) {
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<ReadyLine> ready) {
        List<String> lastLines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                long seen = System.nanoTime();
                out.println(line);
                Optional<String> uri = ServerReadyLine.amqpUri(line);
                if (uri.isPresent()) {
                    ready.complete(new ReadyLine(uri.get(), seen));
                }
                lastLines.add(line);
                if (lastLines.size() > 3) {
                    lastLines.remove(0);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("server exited before it was ready: " + String.join(" / ", lastLines)));
    }

    /** From launching the JVM to reading its ready line. */
    public Duration timeToReady() {
        return Duration.ofNanos(readyNanos - launchedNanos);
    }

    /** Nanos (System.nanoTime) when the process was launched, to time later milestones from. */
    public long launchedNanos() {
        return launchedNanos;
    }

    /** With guest/guest, which the server accepts from loopback. */
    public String amqpUri() {
        return amqpUri;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM and wait: the server's shutdown hook closes the broker. Returns how long that took. */
    public Duration stopCleanly(Duration timeout) throws IOException {
        long start = System.nanoTime();
        process.destroy();
        awaitExit(timeout, "stop after SIGTERM");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** SIGKILL: the broker gets no chance to write anything more. */
    public void kill() throws IOException {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30), "die after SIGKILL");
    }

    private void awaitExit(Duration timeout, String what) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("server did not " + what + " within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Never leaves a server behind: kills it if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
