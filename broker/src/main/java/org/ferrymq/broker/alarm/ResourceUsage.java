package org.ferrymq.broker.alarm;

import java.util.concurrent.atomic.AtomicLong;

import org.ferrymq.broker.amqp.codec.BodyMemory;

/**
 * Memory and disk use as the alarms see it between two measurements of the
 * {@link ResourceMonitor}: the last measurement plus what connections have taken since. Every
 * publish and every body byte being received is charged here as it happens, and crossing a
 * limit raises the alarm at once, on the charging thread, so the alarm overshoots its watermark
 * by at most the messages in flight at that instant instead of by everything published until
 * the next measurement (which came a quarter of a second later, and let a fast publisher double
 * the watermark).
 *
 * <p>Memory counted: bodies queues hold in memory (measured), bodies published since that
 * measurement (charged), and bodies still being received (charged as their buffers grow, given
 * back when complete). Bytes of messages being received are also capped on their own at the
 * watermark: blocking publishers cannot free them, so a message that would pass the cap is refused.
 * Disk counted: free space measured, minus bytes published since (an upper bound of what the
 * store can have written).
 *
 * <p>Thread-safe: called from every connection's event loop and the monitor's thread.
 */
public final class ResourceUsage implements BodyMemory {
    private final ResourceAlarm alarm;
    private final AtomicLong assembling = new AtomicLong();
    private final AtomicLong peakAssembling = new AtomicLong();
    private final AtomicLong publishedSinceMeasure = new AtomicLong();
    private volatile long measuredQueued;
    private volatile long measuredFree = Long.MAX_VALUE;
    private volatile long memoryHighWatermark = Long.MAX_VALUE;
    private volatile long diskFreeLimit;

    ResourceUsage(ResourceAlarm alarm) {
        this.alarm = alarm;
    }

    void limits(long memoryHighWatermark, long diskFreeLimit) {
        this.memoryHighWatermark = memoryHighWatermark;
        this.diskFreeLimit = diskFreeLimit;
    }

    /**
     * A fresh measurement: charges made since the last one are in it now. (Publishes racing with the
     * measurement may be counted twice until the next one; the estimate errs on the high side.)
     */
    void measured(long queuedBytesInMemory, long freeDiskBytes) {
        publishedSinceMeasure.set(0);
        measuredQueued = queuedBytesInMemory;
        measuredFree = freeDiskBytes;
    }

    /** A message body of {@code bytes} was published (it is on its way into queues and the store). */
    public void published(long bytes) {
        publishedSinceMeasure.addAndGet(bytes);
        raiseIfOver();
    }

    @Override
    public boolean reserve(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        long now = assembling.addAndGet(bytes);
        if (now > memoryHighWatermark) {
            assembling.addAndGet(-bytes);
            raiseIfOver();
            return false;
        }
        peakAssembling.accumulateAndGet(now, Math::max);
        raiseIfOver();
        return true;
    }

    @Override
    public long headroom() {
        return memoryHighWatermark - memoryInUse();
    }

    /** The most bytes messages being received have held at once since the broker started. */
    public long peakAssembling() {
        return peakAssembling.get();
    }

    /** The memory high watermark in force. */
    public long memoryHighWatermark() {
        return memoryHighWatermark;
    }

    @Override
    public void free(long bytes) {
        if (bytes > 0) {
            assembling.addAndGet(-bytes);
        }
    }

    /** Bytes of message bodies in memory by the current estimate. */
    public long memoryInUse() {
        return measuredQueued + publishedSinceMeasure.get() + assembling.get();
    }

    /** Bytes held by messages still being received. */
    public long assembling() {
        return assembling.get();
    }

    /** Free disk space by the current estimate. */
    public long diskFree() {
        return measuredFree - publishedSinceMeasure.get();
    }

    /** The alarm reason the estimate calls for, or null; with the detail for the log. */
    String[] verdict() {
        long memory = memoryInUse();
        if (memory > memoryHighWatermark) {
            return new String[] {"low on memory", memory + " bytes of messages in memory (" + assembling.get()
                    + " of them being received), high watermark " + memoryHighWatermark};
        }
        long free = diskFree();
        if (free < diskFreeLimit) {
            return new String[] {"low on disk space", free + " bytes free (estimated), limit " + diskFreeLimit};
        }
        return null;
    }

    private void raiseIfOver() {
        if (alarm.raised()) {
            return;
        }
        String[] verdict = verdict();
        if (verdict != null) {
            alarm.update(verdict[0], verdict[1]);
        }
    }
}
