package org.ferrymq.broker.store;

/**
 * Tuning of the durable store.
 *
 * @param cacheSizeMb          page cache of the store file, in MB
 * @param maxGroupOperations   most writes applied in one group commit (bounds a confirm's latency under load)
 * @param maxGroupBytes        most message bytes applied in one group commit
 * @param compactFillRate      when the file's live-data fill rate (percent) drops below this, the writer
 *                             rewrites sparse chunks while it is idle; 0 turns compaction off
 * @param compactBytesPerStep  most bytes one idle compaction step rewrites, so a step never stalls writes for long
 */
public record StoreSettings(int cacheSizeMb, int maxGroupOperations, long maxGroupBytes, int compactFillRate,
                            int compactBytesPerStep) {
    public StoreSettings {
        if (cacheSizeMb < 1 || maxGroupOperations < 1 || maxGroupBytes < 1 || compactFillRate < 0
                || compactFillRate > 100 || compactBytesPerStep < 0) {
            throw new IllegalArgumentException("invalid store settings: " + cacheSizeMb + " MB cache, "
                    + maxGroupOperations + " ops/group, " + maxGroupBytes + " bytes/group, fill rate "
                    + compactFillRate + "%, " + compactBytesPerStep + " bytes/compaction step");
        }
    }

    public static StoreSettings defaults() {
        return new StoreSettings(64, 20_000, 64L << 20, 50, 4 << 20);
    }

    public StoreSettings withCacheSizeMb(int mb) {
        return new StoreSettings(mb, maxGroupOperations, maxGroupBytes, compactFillRate, compactBytesPerStep);
    }

    public StoreSettings withCompactFillRate(int percent) {
        return new StoreSettings(cacheSizeMb, maxGroupOperations, maxGroupBytes, percent, compactBytesPerStep);
    }
}
