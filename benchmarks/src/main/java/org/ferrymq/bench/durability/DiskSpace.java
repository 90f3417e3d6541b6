package org.ferrymq.bench.durability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a store of N messages fits on the disk: checked before writing gigabytes, so a full
 * disk fails the benchmark at once with a clear message instead of half-way with a disk alarm.
 */
public final class DiskSpace {
    /** Per-message store overhead we allow for (key, properties, index) on top of the body. */
    static final long PER_MESSAGE_OVERHEAD = 256;
    /** The store rewrites chunks while compacting: old and new copies exist for a while. */
    static final int REWRITE_FACTOR = 2;
    static final long HEADROOM = 1L << 30;

    private DiskSpace() {
    }

    /** Bytes to have free before filling: (body + overhead) × messages × 2, plus 1 GiB. */
    public static long needed(long messages, int sizeBytes) {
        return messages * (sizeBytes + PER_MESSAGE_OVERHEAD) * REWRITE_FACTOR + HEADROOM;
    }

    /** @throws IOException saying how much is free and how much is needed, when it does not fit */
    public static void check(Path dir, long messages, int sizeBytes) throws IOException {
        long usable = Files.getFileStore(dir).getUsableSpace();
        long needed = needed(messages, sizeBytes);
        if (usable < needed) {
            throw new IOException(String.format(java.util.Locale.ROOT,
                    "not enough free disk for %,d messages of %,d bytes under %s: %,d MiB free, %,d MiB needed (df %s)",
                    messages, sizeBytes, dir, usable >> 20, needed >> 20, dir));
        }
    }
}
