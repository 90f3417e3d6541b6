package org.ferrymq.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repository's {@code ./ferrymq} launcher, started the way a user starts it: with its
 * defaults, a data directory and a port on its command line, and no JVM options unless a
 * benchmark's point is to give some (the memory benchmark's budget, through {@code JAVA_OPTS},
 * the launcher's own documented variable). Immutable.
 *
 * <p>The benchmark scripts build the server before the harness starts and pass the launcher's
 * path in {@value #PROPERTY}; the launcher is then told not to call Maven again
 * ({@code FERRYMQ_SKIP_BUILD=1}), which changes nothing in how the broker runs.
 */
public record FerryLauncher(Path script) {
    /** System property with the path of {@code ./ferrymq}; when unset, it is looked for upwards from the working directory. */
    public static final String PROPERTY = "bench.ferrymq.launcher";

    public static FerryLauncher locate() throws IOException {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path script = Path.of(configured).toAbsolutePath();
            if (!Files.isExecutable(script)) {
                throw new IOException(PROPERTY + "=" + configured + " is not an executable file");
            }
            return new FerryLauncher(script);
        }
        return findUpwards(Path.of(System.getProperty("user.dir")).toAbsolutePath())
                .map(FerryLauncher::new)
                .orElseThrow(() -> new IOException("cannot find the ./ferrymq launcher above " + System.getProperty("user.dir")
                        + "; set -D" + PROPERTY));
    }

    /** The first {@code ferrymq} script beside a {@code pom.xml} in {@code dir} or a parent of it. */
    static Optional<Path> findUpwards(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path script = d.resolve("ferrymq");
            if (Files.isRegularFile(script) && Files.isExecutable(script) && Files.isRegularFile(d.resolve("pom.xml"))) {
                return Optional.of(script);
            }
        }
        return Optional.empty();
    }

    /** A port nobody listens on at this moment on 127.0.0.1, to give the server on its command line. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The command line a user would type: {@code ./ferrymq --bind 127.0.0.1 --amqp-port PORT --data-dir DIR}. */
    public List<String> command(int port, Path dataDir) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of("--bind", "127.0.0.1", "--amqp-port", Integer.toString(port),
                "--http-port", "off", "--data-dir", dataDir.toAbsolutePath().toString()));
        return command;
    }

    /**
     * @param javaOpts the launcher's {@code JAVA_OPTS}; empty for the defaults (any {@code JAVA_OPTS}
     *                 of the harness's own environment is removed, so it cannot leak in)
     */
    public ProcessBuilder processBuilder(int port, Path dataDir, List<String> javaOpts) {
        ProcessBuilder builder = new ProcessBuilder(command(port, dataDir)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("JAVA_OPTS");
        if (!javaOpts.isEmpty()) {
            env.put("JAVA_OPTS", String.join(" ", javaOpts));
        }
        env.put("FERRYMQ_SKIP_BUILD", "1");
        return builder;
    }
}
