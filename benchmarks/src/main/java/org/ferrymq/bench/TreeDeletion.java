package org.ferrymq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes a benchmark's data directory afterwards (gigabytes, in the durability benchmarks). */
public final class TreeDeletion {
    private TreeDeletion() {
    }

    /** Best effort: what cannot be deleted stays, and the run's result does not depend on it. */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left behind; the caller's directory listing will show it
        }
    }
}
