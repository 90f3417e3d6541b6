package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ferrymq.bench.JavaLauncher;
import org.ferrymq.bench.MountTable;

/**
 * What both durability benchmarks need before they start a server: the server's classpath
 * (from the script) and a fresh data directory on a real disk.
 */
final class StoreBenchSetup {
    /** Set by run-durability-bench.sh: the server module's jar and its runtime classpath. */
    static final String SERVER_CLASSPATH_PROPERTY = "bench.server.classpath";

    private StoreBenchSetup() {
    }

    /** The same JDK as this JVM, with the server module's classpath (what ./ferrymq runs). */
    static JavaLauncher serverLauncher() throws IOException {
        String classpath = System.getProperty(SERVER_CLASSPATH_PROPERTY);
        if (classpath == null || classpath.isBlank()) {
            throw new IOException("-D" + SERVER_CLASSPATH_PROPERTY + " is not set: run this through benchmarks/run-durability-bench.sh");
        }
        return new JavaLauncher(Path.of(System.getProperty("java.home"), "bin", "java"), classpath);
    }

    /** Creates {@code parent/name}, refusing tmpfs (fsync would cost nothing there). */
    static Path freshDataDir(Path parent, String name) throws IOException {
        Path dir = parent.toAbsolutePath().normalize().resolve(name);
        MountTable mounts = MountTable.current();
        if (mounts.mountOf(dir).map(MountTable.Mount::inMemory).orElse(false)) {
            throw new IOException("data dir " + dir + " is on " + mounts.describe(dir) + "; choose a disk with --data-dir");
        }
        if (Files.exists(dir)) {
            throw new IOException("data dir " + dir + " already exists");
        }
        Files.createDirectories(dir);
        return dir;
    }

    /** "ext4 on /dev/vda" for the report. */
    static String filesystemOf(Path dir) {
        return MountTable.current().describe(dir);
    }
}
