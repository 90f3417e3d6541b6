package org.ferrymq.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real FerryMQ server in a JVM of its own: {@code org.ferrymq.server.FerryServerMain} on the
 * classpath the {@code ./ferrymq} launcher uses (the Maven build running the test has just
 * packaged it), on a free port and a given data directory. It can be stopped cleanly (SIGTERM)
 * or killed hard (SIGKILL of the JVM, the way a crash or the OOM killer ends it).
 *
 * <p>Java is started directly rather than through the launcher script so that the classpath can
 * be pinned (see {@link ServerClasspath}) and the process killed is the JVM itself;
 * {@link #killHard()} still kills every java process below it should a wrapper be in between.
 *
 * <p>Threading: used by the test thread; one daemon thread reads the server's output.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("FerryMQ ready: amqp://([^ ]+):(\\d+) \\(data dir (.+)\\)");
    private static final int KEPT_LINES = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

    private final Process process;
    private volatile boolean endedByTest;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final List<String> errorLines = new ArrayList<>();

    private ServerProcess(Process process) {
        this.process = process;
    }

    /** True when the packaged server is there to run. */
    static boolean available() {
        return ServerClasspath.available();
    }

    /**
     * Starts the server's main class, as the launcher does, in a new JVM (the java running the
     * tests) with {@code javaOpts}, on a free port and this data directory, and waits (up to 60 s)
     * for its ready line. The classpath is {@link ServerClasspath#pinned() pinned}.
     */
    static ServerProcess start(Path workDir, Path dataDir, String javaOpts) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-cp", ServerClasspath.pinned(), "org.ferrymq.server.FerryServerMain",
                "--amqp-port", "0", "--http-port", "off", "--data-dir", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        ServerProcess server = new ServerProcess(pb.start());
        server.readOutput();
        try {
            server.ready.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.killHard();
            throw new AssertionError("the server did not become ready: " + e.getMessage() + "\n" + server.output(), e);
        }
        return server;
    }

    private void readOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    remember(line);
                    Matcher m = READY.matcher(line);
                    if (m.matches()) {
                        ready.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            ready.completeExceptionally(new IllegalStateException("exited without the ready line"));
        }, "ferrymq-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    private synchronized void remember(String line) {
        if (lastLines.size() == KEPT_LINES) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
        if (line.contains(" ERROR ") || line.contains("Exception") || line.contains("OutOfMemoryError")) {
            errorLines.add(line);
        }
    }

    /** The last lines the server printed. */
    synchronized String output() {
        return String.join("\n", lastLines);
    }

    /** Lines with ERROR, an exception or an OutOfMemoryError, from the whole run. */
    synchronized List<String> errorLines() {
        return List.copyOf(errorLines);
    }

    int port() {
        return ready.join();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(port());
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout(10_000);
        f.setHandshakeTimeout(10_000);
        f.setShutdownTimeout(1000);
        f.setChannelRpcTimeout(20_000);
        f.setRequestedHeartbeat(0);
        return f;
    }

    /** The JVM running the broker: the launched process itself (the launcher execs java) or a java below it. */
    ProcessHandle jvm() {
        ProcessHandle self = process.toHandle();
        if (isJava(self)) {
            return self;
        }
        Optional<ProcessHandle> child = self.descendants().filter(ServerProcess::isJava).findFirst();
        return child.orElse(self);
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("java")).orElse(false);
    }

    /** SIGKILL of the broker's JVM (and anything else below the launched process); waits until it is gone. */
    void killHard() throws InterruptedException {
        reportIfDiedOnItsOwn();
        endedByTest = true;
        List<ProcessHandle> all = new ArrayList<>(process.toHandle().descendants().toList());
        ProcessHandle jvm = jvm();
        jvm.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the server survived SIGKILL");
        }
        jvm.onExit().orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** SIGTERM (the server's shutdown hook closes the broker cleanly); SIGKILL if it has not stopped within 30 s. */
    int stop() throws InterruptedException {
        reportIfDiedOnItsOwn();
        endedByTest = true;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            killHard();
        }
        return process.exitValue();
    }

    /** A server that exited without the test ending it is a finding: log how, with its last output. */
    private void reportIfDiedOnItsOwn() throws InterruptedException {
        if (!endedByTest && !process.isAlive()) {
            Thread.sleep(200); // let the reader take the last lines
            LOG.error("the server exited on its own with status {}; its last output:\n{}", process.exitValue(), output());
        }
    }

    @Override
    public void close() throws InterruptedException {
        reportIfDiedOnItsOwn();
        if (process.isAlive()) {
            killHard();
        }
    }
}
