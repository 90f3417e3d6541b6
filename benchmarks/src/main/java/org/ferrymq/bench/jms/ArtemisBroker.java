package org.ferrymq.bench.jms;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.VersionLoader;

/**
 * ActiveMQ Artemis embedded in the harness JVM, journal on (NIO journal in a temp dir, Artemis's
 * default sync settings), with an in-VM acceptor and a TCP acceptor on 127.0.0.1 and a free
 * port. One broker serves both Artemis targets; whoever closes last stops it.
 */
final class ArtemisBroker implements AutoCloseable {
    static final String IN_VM_URL = "vm://0";

    private final EmbeddedActiveMQ server;
    private final Path dataDir;
    private final int tcpPort;
    private int users;

    private ArtemisBroker(EmbeddedActiveMQ server, Path dataDir, int tcpPort) {
        this.server = server;
        this.dataDir = dataDir;
        this.tcpPort = tcpPort;
    }

    static ArtemisBroker start() throws TargetUnavailableException {
        Path dataDir = TempDirs.create("ferrymq-jmsbench-artemis");
        try {
            int port = freePort();
            Configuration config = new ConfigurationImpl()
                    .setName("ferrymq-jmsbench")
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJMXManagementEnabled(false)
                    .setJournalType(JournalType.NIO)   // libaio is not assumed; NIO is Artemis's portable journal
                    .setJournalDirectory(dataDir.resolve("journal").toString())
                    .setBindingsDirectory(dataDir.resolve("bindings").toString())
                    .setPagingDirectory(dataDir.resolve("paging").toString())
                    .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                    // as in Artemis's default broker.xml (also keeps its per-queue warnings quiet)
                    .addAddressSetting("#", new AddressSettings()
                            .setDeadLetterAddress(SimpleString.of("DLQ"))
                            .setExpiryAddress(SimpleString.of("ExpiryQueue")))
                    .addAcceptorConfiguration("in-vm", IN_VM_URL)
                    .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
            EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
            server.start();
            return new ArtemisBroker(server, dataDir, port);
        } catch (Exception e) {
            TempDirs.deleteQuietly(dataDir);
            throw new TargetUnavailableException("broker failed to start: Artemis: " + e, e);
        }
    }

    String tcpUrl() {
        return "tcp://127.0.0.1:" + tcpPort;
    }

    static String version() {
        return VersionLoader.getVersion().getFullVersion();
    }

    synchronized ArtemisBroker use() {
        users++;
        return this;
    }

    @Override
    public synchronized void close() {
        if (--users > 0) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            // stopping at the end of a run: nothing left to protect
        }
        TempDirs.deleteQuietly(dataDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
