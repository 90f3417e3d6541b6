package org.ferrymq.broker.alarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, a few times a second, the bytes of message bodies queues hold in memory and the free
 * space of the data directory's disk, and raises or clears the {@link ResourceAlarm}. (Heap use
 * itself is a poor signal in a garbage-collected VM; paging and flow control keep it bounded.)
 */
public final class ResourceMonitor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);

    private final LongSupplier queuedBytesInMemory;
    private final long memoryHighWatermark;
    private final Path dataDir;
    private final long diskFreeLimit;
    private final ResourceAlarm alarm;

    public ResourceMonitor(LongSupplier queuedBytesInMemory, long memoryHighWatermark, Path dataDir, long diskFreeLimit,
                           ResourceAlarm alarm) {
        this.queuedBytesInMemory = queuedBytesInMemory;
        this.memoryHighWatermark = memoryHighWatermark;
        this.dataDir = dataDir;
        this.diskFreeLimit = diskFreeLimit;
        this.alarm = alarm;
    }

    @Override
    public void run() {
        try {
            long inMemory = queuedBytesInMemory.getAsLong();
            if (inMemory > memoryHighWatermark) {
                alarm.update("low on memory", inMemory + " bytes of queued messages in memory, high watermark "
                        + memoryHighWatermark);
                return;
            }
            long free = Files.getFileStore(dataDir).getUsableSpace();
            if (free < diskFreeLimit) {
                alarm.update("low on disk space", free + " bytes free on " + dataDir + ", limit " + diskFreeLimit);
                return;
            }
            alarm.update(null, null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Resource check failed: {}", e.toString());
        }
    }
}
