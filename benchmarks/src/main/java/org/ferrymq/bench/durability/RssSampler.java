package org.ferrymq.bench.durability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples a process's resident set size once a second, with the benchmark's phase and progress
 * at that moment, so the report can show how memory follows the queue's length.
 *
 * <p>Threading: samples are taken on a scheduler thread; {@link #samples()} and {@link #phase}
 * may be called from any thread.
 */
public final class RssSampler implements AutoCloseable {
    private final long pid;
    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile String phase = "start";
    private volatile LongSupplier progress = () -> 0;

    /**
     * @param seconds  since sampling began
     * @param progress messages confirmed (while filling) or received (while draining)
     */
    public record Sample(double seconds, String phase, long progress, long rssBytes, long peakRssBytes) {
    }

    public RssSampler(long pid) {
        this.pid = pid;
        scheduler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /** What the benchmark is doing now, and where to read its progress. */
    public void phase(String name, LongSupplier progressSoFar) {
        this.phase = name;
        this.progress = progressSoFar;
    }

    /** Takes one sample now (besides the periodic ones) and returns it; empty if the process is gone. */
    public java.util.Optional<Sample> sample() {
        try {
            ProcStatus status = ProcStatus.of(pid);
            Sample sample = new Sample((System.nanoTime() - startNanos) / 1e9, phase, progress.getAsLong(),
                    status.rssBytes(), status.peakRssBytes());
            synchronized (samples) {
                samples.add(sample);
            }
            return java.util.Optional.of(sample);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
