package org.ferrymq.bench.durability;

import java.util.List;
import java.util.Optional;

/**
 * What the memory benchmark found.
 *
 * @param countAfterFill  the queue's message count once every publish was confirmed
 * @param countAfterDrain the queue's message count after draining (0 when every message came out)
 * @param samples         the RSS samples, in order
 * @param failure         what went wrong, or null; figures gathered before it are kept
 */
public record MemoryRun(long messages, int sizeBytes, MemoryBudget budget, QueueFiller.Result fill, long countAfterFill,
                        QueueDrainer.Result drain, long countAfterDrain, List<RssSampler.Sample> samples,
                        String failure) {

    public MemoryRun {
        samples = List.copyOf(samples);
    }

    /** The highest resident set size the kernel saw (VmHWM), not only at the sampling instants. */
    public Optional<Long> peakRssBytes() {
        return samples.stream().map(RssSampler.Sample::peakRssBytes).max(Long::compare);
    }

    public Optional<RssSampler.Sample> lastOf(String phase) {
        return samples.stream().filter(s -> s.phase().equals(phase)).reduce((a, b) -> b);
    }

    /** Within budget, every message confirmed, counted and read back, nothing left. */
    public boolean meetsTarget() {
        return failure == null && peakRssBytes().map(p -> p <= budget.totalBytes()).orElse(false)
                && fill != null && fill.confirmed() == messages && countAfterFill == messages
                && drain != null && drain.received() == messages && countAfterDrain == 0;
    }
}
