package org.ferrymq.ra.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test server's own {@code bin/jboss-cli.sh} against its management port, and the install
 * scripts shipped in {@code resource-adapter/src/main/wildfly}, run exactly as the README tells users.
 */
public final class WildFlyCli {
    static final Path CLI_DIR = Path.of(System.getProperty("ferrymq.cli.dir"));

    private WildFlyCli() {
    }

    /** ferrymq-install.cli with a properties file naming the built .rar and the given broker. */
    public static String install(String brokerUri) throws IOException, InterruptedException {
        return install(Integer.getInteger("wildfly.management.port"), brokerUri);
    }

    /** {@link #install(String)} against the WildFly whose management port is given. */
    public static String install(int managementPort, String brokerUri) throws IOException, InterruptedException {
        Path properties = Files.createTempFile("ferrymq", ".properties");
        try {
            Files.writeString(properties, "ferrymq.rar=" + System.getProperty("ferrymq.rar") + "\nferrymq.broker.uri=" + brokerUri + "\n");
            return runAt(managementPort, "--file=" + CLI_DIR.resolve("ferrymq-install.cli"), "--properties=" + properties, "--resolve-parameter-values");
        } finally {
            Files.deleteIfExists(properties);
        }
    }

    public static String uninstall() throws IOException, InterruptedException {
        return run("--file=" + CLI_DIR.resolve("ferrymq-uninstall.cli"));
    }

    /** The server's HTTP address, e.g. {@code http://127.0.0.1:30380/}. */
    public static String http() {
        return "http://127.0.0.1:" + (8080 + Integer.getInteger("wildfly.port.offset")) + "/";
    }

    /** Runs jboss-cli.sh with these arguments; fails on a non-zero exit, with its output. */
    public static String run(String... args) throws IOException, InterruptedException {
        return runAt(Integer.getInteger("wildfly.management.port"), args);
    }

    /** {@link #run} against the WildFly whose management port is given. */
    public static String runAt(int managementPort, String... args) throws IOException, InterruptedException {
        String home = System.getProperty("jboss.home");
        List<String> command = new ArrayList<>(List.of(home + "/bin/jboss-cli.sh", "--connect",
                "--controller=remote+http://127.0.0.1:" + managementPort, "--timeout=120000"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jboss-cli did not finish: " + command);
        }
        String out = new String(p.getInputStream().readAllBytes());
        System.out.println("$ " + String.join(" ", command) + "\n" + out);
        if (p.exitValue() != 0) {
            throw new IOException("jboss-cli failed (" + p.exitValue() + "): " + command + "\n" + out);
        }
        return out;
    }
}
