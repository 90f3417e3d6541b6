package org.ferrymq.broker.alarm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures, a few times a second, the bytes of message bodies queues hold in memory and the free
 * space of the data directory's disk, and raises or clears the {@link ResourceAlarm}; between
 * measurements {@link ResourceUsage} raises it as soon as publishers and bodies being received
 * pass a limit (only a measurement clears it). (Heap use
 * itself is a poor signal in a garbage-collected VM; paging and flow control keep it bounded.)
 */
public final class ResourceMonitor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);

    private final LongSupplier queuedBytesInMemory;
    private final Path dataDir;
    private final ResourceAlarm alarm;

    public ResourceMonitor(LongSupplier queuedBytesInMemory, long memoryHighWatermark, Path dataDir, long diskFreeLimit,
                           ResourceAlarm alarm) {
        this.queuedBytesInMemory = queuedBytesInMemory;
        this.dataDir = dataDir;
        this.alarm = alarm;
        alarm.usage().limits(memoryHighWatermark, diskFreeLimit);
    }

    @Override
    public void run() {
        try {
            long free = Files.getFileStore(dataDir).getUsableSpace();
            alarm.usage().measured(queuedBytesInMemory.getAsLong(), free);
            String[] verdict = alarm.usage().verdict();
            if (verdict != null) {
                alarm.update(verdict[0], verdict[1]);
            } else {
                alarm.update(null, null);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Resource check failed: {}", e.toString());
        }
    }
}
