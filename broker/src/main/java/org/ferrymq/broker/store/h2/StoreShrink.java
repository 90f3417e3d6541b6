package org.ferrymq.broker.store.h2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the disk a drained backlog used. MVStore's idle compaction rewrites sparse chunks but
 * never moves the newest ones from the end of the file, so a file that held gigabytes keeps its
 * size with nothing in it. When the store closes with little live data in a large file, the live
 * pages are copied into a new file, which is synced and then renamed over the old one: a crash at
 * any point leaves either the old file or the new one, never half of one. Stateless.
 */
final class StoreShrink {
    private static final Logger LOG = LoggerFactory.getLogger(StoreShrink.class);
    /** Smaller files are not worth a rewrite. */
    static final long MIN_FILE_BYTES = 32L << 20;
    /** Live data at most this share (percent) of the file... */
    static final int MAX_FILL_PERCENT = 25;
    /** ...and at most this much, so the copy keeps a stop short (it runs at disk speed). */
    static final long MAX_LIVE_BYTES = 256L << 20;
    private static final String TEMP_SUFFIX = ".shrink";

    private StoreShrink() {
    }

    /** Whether the open store is worth rewriting when it closes. */
    static boolean worthIt(MVStore store) {
        long fileBytes = store.getFileStore().size();
        int fillPercent = store.getFileStore().getChunksFillRate();
        return worthIt(fileBytes, fillPercent);
    }

    static boolean worthIt(long fileBytes, int fillPercent) {
        long liveBytes = fileBytes / 100 * fillPercent;
        return fileBytes >= MIN_FILE_BYTES && fillPercent <= MAX_FILL_PERCENT && liveBytes <= MAX_LIVE_BYTES;
    }

    /** Rewrites the closed store file; on failure the old file stays as it was. */
    static void shrink(Path file) {
        Path temp = temp(file);
        long start = System.nanoTime();
        try {
            long before = Files.size(file);
            Files.deleteIfExists(temp);
            MVStoreTool.compact(file.toString(), temp.toString(), false);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            StoreFile.syncDirectory(file.getParent());
            LOG.info("Shrank the message store file {} from {} MB to {} MB in {} ms", file, before >> 20,
                    Files.size(file) >> 20, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not shrink the message store file {}; it keeps its size ({})", file, e.toString());
            removeLeftover(file);
        }
    }

    /** A copy left by a crash during {@link #shrink}: the store file itself is intact. */
    static void removeLeftover(Path file) {
        try {
            Files.deleteIfExists(temp(file));
        } catch (IOException e) {
            LOG.debug("Could not delete {}", temp(file), e);
        }
    }

    private static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    }
}
