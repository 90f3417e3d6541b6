package org.ferrymq.bench.durability;

import java.util.List;

/**
 * The memory the broker JVM is allowed, as JVM limits plus an allowance for what the JVM cannot
 * cap (thread stacks, GC bookkeeping, malloc arenas, the JIT's own memory). The broker's own
 * limits live inside the heap: queued message bodies held in memory are capped by its memory
 * high watermark (40% of the heap by default) and each queue keeps at most its memory window
 * (20,000 messages by default) in memory, paging the rest to the store.
 *
 * @param heapBytes       -Xmx
 * @param directBytes     -XX:MaxDirectMemorySize (Netty's buffers)
 * @param metaspaceBytes  -XX:MaxMetaspaceSize
 * @param codeCacheBytes  -XX:ReservedCodeCacheSize
 * @param nativeAllowance what is not capped by a flag
 */
public record MemoryBudget(long heapBytes, long directBytes, long metaspaceBytes, long codeCacheBytes, long nativeAllowance) {
    private static final long MIB = 1L << 20;

    /** The limits the memory benchmark runs the broker with, for a given heap. */
    public static MemoryBudget forHeap(long heapBytes) {
        return new MemoryBudget(heapBytes, 128 * MIB, 128 * MIB, 64 * MIB, 192 * MIB);
    }

    public long totalBytes() {
        return heapBytes + directBytes + metaspaceBytes + codeCacheBytes + nativeAllowance;
    }

    /** The JVM options that set these limits (plus native memory tracking, for the breakdown). */
    public List<String> jvmOptions() {
        return List.of(
                "-Xmx" + heapBytes / MIB + "m",
                "-XX:MaxDirectMemorySize=" + directBytes / MIB + "m",
                "-XX:MaxMetaspaceSize=" + metaspaceBytes / MIB + "m",
                "-XX:ReservedCodeCacheSize=" + codeCacheBytes / MIB + "m",
                "-XX:NativeMemoryTracking=summary");
    }

    /** "heap 512 MiB + direct 128 MiB + ... = 1,024 MiB". */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "heap %,d MiB + direct memory %,d MiB + metaspace %,d MiB + code cache %,d MiB + %,d MiB native allowance = %,d MiB",
                heapBytes / MIB, directBytes / MIB, metaspaceBytes / MIB, codeCacheBytes / MIB, nativeAllowance / MIB, totalBytes() / MIB);
    }
}
