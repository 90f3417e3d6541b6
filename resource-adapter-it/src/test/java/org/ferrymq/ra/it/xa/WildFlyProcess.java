package org.ferrymq.ra.it.xa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly (standalone-full) the test starts itself, so it can SIGKILL it: {@code bin/standalone.sh}
 * of the unpacked distribution with a server base directory of its own (a copy of
 * {@code standalone/configuration}, so it shares nothing with Arquillian's server), every port shifted
 * by {@code offset}, the JVM's pid from {@code JBOSS_PIDFILE}.
 *
 * <p>Threading: used by the test thread only.
 */
final class WildFlyProcess implements AutoCloseable {
    private final Path home;
    private final Path base;
    private final int offset;
    private final List<String> systemProperties;
    private Process script;
    private long pid = -1;

    WildFlyProcess(Path home, Path base, int offset, List<String> systemProperties) throws IOException {
        this.home = home;
        this.base = base;
        this.offset = offset;
        this.systemProperties = systemProperties;
        Files.createDirectories(base.resolve("deployments"));
        Path configuration = base.resolve("configuration");
        try (Stream<Path> files = Files.walk(home.resolve("standalone/configuration"))) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = configuration.resolve(home.resolve("standalone/configuration").relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    int managementPort() {
        return 9990 + offset;
    }

    /** Narayana's recovery listener (enabled by the test's configuration): {@code SCAN} runs one recovery pass. */
    int recoveryPort() {
        return 4712 + offset;
    }

    Path base() {
        return base;
    }

    /** Starts the server and waits until it reports it has started (deployments included). */
    void start(long timeoutMs) throws IOException, InterruptedException {
        Path log = base.resolve("log/server.log");
        Files.deleteIfExists(log);
        Files.deleteIfExists(pidFile());
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(), "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.bind.address.private=127.0.0.1", "-Djboss.bind.address.unsecure=127.0.0.1"));
        command.addAll(systemProperties);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("JBOSS_HOME", home.toString());
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JBOSS_PIDFILE", pidFile().toString());
        script = pb.start();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log)) {
                String text = Files.readString(log);
                if (text.contains("WFLYSRV0025") || text.contains("WFLYSRV0026")) {
                    pid = Long.parseLong(Files.readString(pidFile()).trim());
                    return;
                }
            }
            if (!script.isAlive()) {
                throw new IllegalStateException("WildFly ended while starting: " + tail());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("WildFly did not start in " + timeoutMs + " ms: " + tail());
    }

    private Path pidFile() {
        return base.resolve("wildfly.pid");
    }

    /** SIGKILL of the server's JVM (no shutdown hook, no graceful anything), then waits for it to be gone. */
    void kill() throws InterruptedException {
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no WildFly process " + pid));
        jvm.destroyForcibly();
        jvm.onExit().orTimeout(60, TimeUnit.SECONDS).join();
        script.waitFor(60, TimeUnit.SECONDS);
    }

    /** Waits for the server's JVM to end by itself (after a {@code :shutdown}). */
    void awaitExit(long timeoutMs) throws InterruptedException {
        ProcessHandle.of(pid).ifPresent(jvm -> jvm.onExit().orTimeout(timeoutMs, TimeUnit.MILLISECONDS).join());
        script.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    }

    String log() {
        try {
            return Files.readString(base.resolve("log/server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail() {
        try {
            Path log = Files.exists(base.resolve("log/server.log")) ? base.resolve("log/server.log") : base.resolve("console.log");
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * The transaction manager's and FerryMQ's warnings and errors over every start (the console
     * log is appended to across restarts), first line of each, most recent last: what an assertion
     * about recovery quotes, since a CI log shows little else.
     */
    String recoveryWarnings(int max) {
        try {
            Path console = base.resolve("console.log");
            List<String> lines = Files.exists(console) ? Files.readAllLines(console) : List.of();
            List<String> picked = lines.stream()
                    .filter(l -> (l.contains(" WARN ") || l.contains(" ERROR ")) && (l.contains("ARJUNA") || l.contains("org.ferrymq")))
                    .map(l -> l.length() > 600 ? l.substring(0, 600) + "..." : l).toList();
            return String.join("\n", picked.subList(Math.max(0, picked.size() - max), picked.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            kill();
        }
    }
}
