package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ferrymq.bench.FerryLauncher;
import org.ferrymq.bench.MountTable;

/**
 * What both durability benchmarks need before they start a server: the {@code ./ferrymq} launcher and a fresh data directory on a real disk.
 */
final class StoreBenchSetup {
    private StoreBenchSetup() {
    }

    /** The repository's {@code ./ferrymq} (run-durability-bench.sh passes its path). */
    static FerryLauncher serverLauncher() throws IOException {
        return FerryLauncher.locate();
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
