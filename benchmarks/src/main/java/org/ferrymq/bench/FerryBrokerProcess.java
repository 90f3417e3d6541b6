package org.ferrymq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link BenchBroker} child JVM: started, awaited until it prints its ready line, and
 * stopped by closing its stdin (then destroyed if it lingers). Its output goes to a log file.
 *
 * <p>Threading: one daemon thread copies the child's output to the log and watches for the
 * ready/failed line; the rest is called from the harness thread.
 */
public final class FerryBrokerProcess implements AutoCloseable {
    private final Process process;
    private final String amqpUri;

    private FerryBrokerProcess(Process process, String amqpUri) {
        this.process = process;
        this.amqpUri = amqpUri;
    }

    public static FerryBrokerProcess start(JavaLauncher java, List<String> jvmOptions, Path log,
                                           Duration startTimeout) throws BrokerStartException {
        return start(java, jvmOptions, List.of(), log, startTimeout);
    }

    /** @param brokerArgs arguments of {@link BenchBroker} ({@code --data-dir DIR}, ...) */
    public static FerryBrokerProcess start(JavaLauncher java, List<String> jvmOptions, List<String> brokerArgs, Path log,
                                           Duration startTimeout) throws BrokerStartException {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = java.processBuilder(jvmOptions, BenchBroker.class.getName(), brokerArgs).start();
        } catch (IOException e) {
            throw new BrokerStartException("broker failed to start: cannot launch JVM: " + e.getMessage());
        }
        CompletableFuture<String> readyUri = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyOutput(process, log, readyUri), "bench-broker-output");
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
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (line.startsWith(BenchBroker.READY_PREFIX)) {
                    readyUri.complete(line.substring(BenchBroker.READY_PREFIX.length()).trim());
                } else if (line.startsWith(BenchBroker.FAILED_PREFIX)) {
                    readyUri.completeExceptionally(new IllegalStateException(line.substring(BenchBroker.FAILED_PREFIX.length()).trim()));
                }
            }
        } catch (IOException e) {
            readyUri.completeExceptionally(e);
        }
        readyUri.completeExceptionally(new IllegalStateException("broker JVM exited before it was ready (see " + log + ")"));
    }

    public String amqpUri() {
        return amqpUri;
    }

    /** Null while the broker runs; otherwise why it is not there any more. */
    public String deathNotice() {
        return process.isAlive() ? null : "broker process exited with code " + process.exitValue();
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close();   // BenchBroker stops at end of stdin
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
