package org.ferrymq.bench.jms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Data directories of the in-process brokers: created per run, deleted when the target closes. */
final class TempDirs {
    private TempDirs() {
    }

    static Path create(String prefix) throws TargetUnavailableException {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new TargetUnavailableException("cannot create a data directory: " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp dir
        }
    }
}
