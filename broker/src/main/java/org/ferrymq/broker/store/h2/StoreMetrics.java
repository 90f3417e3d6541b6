package org.ferrymq.broker.store.h2;

/**
 * Counters of the store writer since the store was opened.
 *
 * @param tasks        writes (and sync requests) applied
 * @param groups       group commits done
 * @param commits      MVStore commits (one per group that changed something)
 * @param syncs        fsyncs of the store file
 * @param largestGroup most tasks applied in one group
 * @param compactions  compaction steps that rewrote something
 * @param pending      tasks waiting for the writer right now
 * @param gathers      groups that waited for announced companion writes (concurrent XA branches) before syncing
 */
public record StoreMetrics(long tasks, long groups, long commits, long syncs, long largestGroup, long compactions,
                           int pending, long gathers) {
}
