package org.ferrymq.ra.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The FerryMQ server that {@code ./ferrymq} runs ({@code org.ferrymq.server.FerryServerMain}) in a
 * JVM of its own, so a test can SIGKILL it under a deployed adapter and start it again on the same
 * port and data directory. {@link ExternalBroker} runs in the test JVM and can only be stopped
 * cleanly. Everything the server prints goes to {@code <dataDir>/../server.log}.
 *
 * <p>Threading: used by the test thread; one daemon thread per started process reads its output.
 */
public final class BrokerProcess implements AutoCloseable {
    private final int port;
    private final Path dataDir;
    private final Path log;
    private Process process;

    /** A new data directory and a free port of 127.0.0.1; the server is not started yet. */
    public BrokerProcess() {
        try {
            Path work = Files.createTempDirectory("ferrymq-ra-it-process");
            this.dataDir = work.resolve("data");
            this.log = work.resolve("server.log");
            try (ServerSocket s = new ServerSocket(0)) {
                this.port = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /** Starts the server and waits (up to 60 s) for its ready line. */
    public synchronized void start() throws IOException, InterruptedException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "org.ferrymq.server.FerryServerMain",
                "--amqp-port", Integer.toString(port), "--http-port", "off", "--data-dir", dataDir.toString());
        Files.writeString(log, "---- " + java.time.Instant.now() + " start\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line + "\n");
                    out.flush();
                    if (line.startsWith("FerryMQ ready: ")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            ready.completeExceptionally(new IllegalStateException("the server exited without its ready line"));
        }, "ferrymq-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            throw new AssertionError("the FerryMQ server did not start: " + e + "\n" + Files.readString(log), e);
        }
    }

    /** SIGKILL, as a crash or the OOM killer ends it; returns once the process is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the FerryMQ server survived SIGKILL");
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
