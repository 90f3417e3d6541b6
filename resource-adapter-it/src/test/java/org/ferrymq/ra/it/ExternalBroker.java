package org.ferrymq.ra.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ferrymq.broker.FerryBroker;

/**
 * The external FerryMQ server the deployed adapter talks to over {@code amqp://}: one per test
 * JVM, on a free port of 127.0.0.1, restartable on the same port and data directory.
 */
public final class ExternalBroker {
    private static ExternalBroker instance;

    private final int port;
    private final Path dataDir;
    private FerryBroker broker;

    private ExternalBroker(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
        this.broker = start();
    }

    public static synchronized ExternalBroker get() {
        if (instance == null) {
            try {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                instance = new ExternalBroker(port, Files.createTempDirectory("ferrymq-ra-it"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.stop()));
        }
        return instance;
    }

    private FerryBroker start() {
        return FerryBroker.builder().host("127.0.0.1").amqpPort(port).dataDir(dataDir).start();
    }

    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    /** The names (client address and port) of the connections the broker has now. */
    public synchronized java.util.Set<String> connectionNames() {
        return broker.management().connections().stream().map(c -> c.connection().name())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public synchronized void restart() {
        stop();
        broker = start();
    }
}
