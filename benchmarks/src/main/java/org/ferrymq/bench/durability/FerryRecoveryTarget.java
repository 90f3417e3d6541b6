package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.ferrymq.bench.FerryLauncher;
import org.ferrymq.bench.TreeDeletion;

/** The real FerryMQ server ({@link ServerProcess}) on one data directory; ready = its ready line. */
final class FerryRecoveryTarget implements RecoveryTarget {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final FerryLauncher server;
    private final List<String> jvmOptions;
    private final Path dataDir;
    private final Path logDir;

    FerryRecoveryTarget(FerryLauncher server, List<String> jvmOptions, Path dataDir, Path logDir) {
        this.server = server;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    @Override
    public String displayName() {
        return "FerryMQ";
    }

    @Override
    public String storage() {
        return dataDir + " (" + StoreBenchSetup.filesystemOf(dataDir) + ")";
    }

    @Override
    public Launched launch(String label) throws IOException {
        ServerProcess process = ServerProcess.start(server, jvmOptions, dataDir, logDir.resolve("ferrymq-" + label + ".log"), START_TIMEOUT);
        return new Launched() {
            @Override
            public Duration timeToReady() {
                return process.timeToReady();
            }

            @Override
            public long launchedNanos() {
                return process.launchedNanos();
            }

            @Override
            public String amqpUri() {
                return process.amqpUri();
            }

            @Override
            public Duration stopCleanly(Duration timeout) throws IOException {
                return process.stopCleanly(timeout);
            }

            @Override
            public void kill() throws IOException {
                process.kill();
            }

            @Override
            public void close() {
                process.close();
            }
        };
    }

    @Override
    public void clean() {
        TreeDeletion.deleteQuietly(dataDir);
    }
}
