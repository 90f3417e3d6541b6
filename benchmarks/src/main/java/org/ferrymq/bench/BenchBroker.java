package org.ferrymq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.ferrymq.broker.FerryBroker;

/**
 * The FerryMQ broker under test, in a JVM of its own so that it never shares a heap or a
 * JIT with PerfTest. Started by {@link FerryBrokerProcess}; speaks to it through one line on
 * stdout ({@value #READY_PREFIX} with the AMQP URI, or {@value #FAILED_PREFIX} with the
 * reason) and stops when its stdin closes, so it cannot outlive the harness.
 *
 * <pre>java org.ferrymq.bench.BenchBroker [--port N] [--data-dir DIR]</pre>
 *
 * <p>Temporary until the server module has a launcher; this is a CLI, hence System.out.
 */
public final class BenchBroker {
    public static final String READY_PREFIX = "FERRYMQ-BENCH-BROKER READY ";
    public static final String FAILED_PREFIX = "FERRYMQ-BENCH-BROKER FAILED ";

    private BenchBroker() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                default -> {
                    System.out.println(FAILED_PREFIX + "unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        boolean temporaryDataDir = dataDir == null;
        if (temporaryDataDir) {
            dataDir = Files.createTempDirectory("ferrymq-bench-broker");
        }

        FerryBroker broker;
        try {
            broker = FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(dataDir).start();
        } catch (Throwable e) {
            System.out.println(FAILED_PREFIX + e);
            System.out.flush();
            if (temporaryDataDir) {
                deleteRecursively(dataDir);
            }
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Path toDelete = temporaryDataDir ? dataDir : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            if (toDelete != null) {
                deleteRecursively(toDelete);
            }
            stopped.countDown();
        }, "bench-broker-shutdown"));

        System.out.println(READY_PREFIX + "amqp://guest:guest@127.0.0.1:" + broker.amqpPort());
        System.out.flush();

        waitForEndOfInput(System.in);
        System.exit(0);   // runs the shutdown hook
    }

    /** The harness holds our stdin open; when it closes (or the harness dies) we stop. */
    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // nothing to do with the input itself
            }
        } catch (IOException e) {
            // a broken pipe means the same as end of input
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp dir
        }
    }
}
