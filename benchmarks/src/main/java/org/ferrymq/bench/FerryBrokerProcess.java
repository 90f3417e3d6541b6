package org.ferrymq.bench;

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

import org.ferrymq.bench.durability.ServerReadyLine;

/**
 * FerryMQ as shipped: {@code ./ferrymq} with its defaults on a fresh data directory and a free
 * port ({@link FerryLauncher}), awaited until it prints {@code FerryMQ ready: amqp://HOST:PORT ...},
 * stopped with SIGTERM (the server's shutdown hook closes the broker) and waited for. Its output
 * goes to a log file.
 *
 * <p>Threading: one daemon thread copies the server's output to the log and watches for the
 * ready line; the rest is called from the harness thread.
 */
public final class FerryBrokerProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String amqpUri;

    private FerryBrokerProcess(Process process, String amqpUri) {
        this.process = process;
        this.amqpUri = amqpUri;
    }

    /** {@code ./ferrymq} with its defaults (no JVM options). */
    public static FerryBrokerProcess start(FerryLauncher launcher, Path dataDir, Path log, Duration startTimeout)
            throws BrokerStartException {
        return start(launcher, dataDir, List.of(), log, startTimeout);
    }

    /** @param javaOpts the launcher's {@code JAVA_OPTS}, only where a benchmark's point is to set them */
    public static FerryBrokerProcess start(FerryLauncher launcher, Path dataDir, List<String> javaOpts, Path log,
                                           Duration startTimeout) throws BrokerStartException {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = launcher.processBuilder(FerryLauncher.freePort(), dataDir, javaOpts).start();
            process.getOutputStream().close();   // like a user's ./ferrymq ... < /dev/null
        } catch (IOException e) {
            throw new BrokerStartException("broker failed to start: cannot launch " + launcher.script() + ": " + e.getMessage());
        }
        CompletableFuture<String> readyUri = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyOutput(process, log, readyUri), "ferrymq-server-output");
        copier.setDaemon(true);
        copier.start();
        try {
            String uri = readyUri.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new FerryBrokerProcess(process, uri);
        } catch (ExecutionException e) {
            stop(process);
            throw new BrokerStartException("broker failed to start: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            stop(process);
            throw new BrokerStartException("broker failed to start: no ready line within " + startTimeout.toSeconds() + " s (see " + log + ")");
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new BrokerStartException("broker failed to start: interrupted");
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<String> readyUri) {
        List<String> lastLines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                Optional<String> uri = ServerReadyLine.amqpUri(line);
                if (uri.isPresent()) {
                    readyUri.complete(uri.get());
                }
                lastLines.add(line);
                if (lastLines.size() > 3) {
                    lastLines.remove(0);
                }
            }
        } catch (IOException e) {
            readyUri.completeExceptionally(e);
        }
        readyUri.completeExceptionally(new IllegalStateException("./ferrymq exited before it was ready: "
                + String.join(" / ", lastLines) + " (see " + log + ")"));
    }

    public String amqpUri() {
        return amqpUri;
    }

    public long pid() {
        return process.pid();
    }

    /** Null while the broker runs; otherwise why it is not there any more. */
    public String deathNotice() {
        return process.isAlive() ? null : "broker process exited with code " + process.exitValue();
    }

    /** SIGTERM, then waits for the server to close its broker and exit (SIGKILL only if it hangs). */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        try {
            process.destroy();   // SIGTERM: ./ferrymq's java (the launcher execs it) runs its shutdown hook
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
