package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The three-node RabbitMQ cluster of {@code scripts/rabbitmq-cluster.sh}, which {@code .ci/run}
 * starts and names in {@code RABBITMQ_CLUSTER_URI} ({@code amqp://user:pass@host:port,host:port,...}).
 * Without it the cluster tests are skipped, except on CI, where that is a failure.
 */
final class RabbitMqCluster {
    private static final Path SCRIPT = Path.of("..", "scripts", "rabbitmq-cluster.sh").toAbsolutePath().normalize();

    private final String uri;
    private final String userInfo;
    private final List<String> nodes;

    private RabbitMqCluster(String uri) {
        this.uri = uri;
        String afterScheme = uri.substring(uri.indexOf("://") + 3);
        int at = afterScheme.lastIndexOf('@');
        this.userInfo = at < 0 ? "" : afterScheme.substring(0, at + 1);
        String hosts = afterScheme.substring(at + 1);
        int slash = hosts.indexOf('/');
        this.nodes = List.of((slash < 0 ? hosts : hosts.substring(0, slash)).split(","));
    }

    static RabbitMqCluster fromEnvironment() {
        String uri = System.getProperty("ferrymq.it.clusterUri", System.getenv("RABBITMQ_CLUSTER_URI"));
        if (uri == null || uri.isBlank()) {
            String why = "RABBITMQ_CLUSTER_URI is not set (scripts/rabbitmq-cluster.sh start; .ci/run does it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return new RabbitMqCluster(uri);
    }

    /** Every node: what an application configures. */
    String uri() {
        return uri;
    }

    int size() {
        return nodes.size();
    }

    /** Node n (1-based) alone. */
    String nodeUri(int n) {
        return "amqp://" + userInfo + nodes.get(n - 1);
    }

    /** The node (1-based) the client connection with this client-provided name is on. */
    int nodeOf(String connectionName) throws Exception {
        for (int n = 1; n <= size(); n++) {
            String out = ctl(n, "list_connections", "client_properties", "port");
            if (out == null) {
                continue;   // node n is stopped: ask another
            }
            for (String line : out.lines().toList()) {
                if (line.contains(connectionName)) {
                    String port = line.substring(line.lastIndexOf('\t') + 1).trim();
                    return nodeWithPort(Integer.parseInt(port));
                }
            }
            return -1;
        }
        throw new IllegalStateException("no cluster node answers rabbitmqctl");
    }

    private int nodeWithPort(int port) {
        for (int n = 1; n <= size(); n++) {
            if (nodes.get(n - 1).endsWith(":" + port)) {
                return n;
            }
        }
        throw new IllegalStateException("no node listens on " + port + " in " + uri);
    }

    void stopNode(int n) throws Exception {
        script("stop-node", String.valueOf(n));
    }

    void startNode(int n) throws Exception {
        script("start-node", String.valueOf(n));
    }

    private static void script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        run(command, true);
    }

    /** rabbitmqctl on node n; null when that node does not answer. */
    private static String ctl(int n, String... args) throws Exception {
        String rabbitmqctl = Files.isExecutable(Path.of("/usr/sbin/rabbitmqctl")) ? "/usr/sbin/rabbitmqctl" : "rabbitmqctl";
        List<String> command = new ArrayList<>(List.of(rabbitmqctl, "-q", "-n", "ferrymq-cluster" + n + "@localhost"));
        command.addAll(List.of(args));
        return run(command, false);
    }

    private static String run(List<String> command, boolean mustSucceed) throws Exception {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IllegalStateException("missing " + SCRIPT);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ERL_EPMD_ADDRESS", "127.0.0.1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        if (p.exitValue() != 0) {
            if (mustSucceed) {
                throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + out);
            }
            return null;
        }
        return out;
    }
}
