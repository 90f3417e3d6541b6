package org.ferrymq.jms.provider.vm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.ferrymq.jms.provider.ProviderException;

/**
 * Publisher confirms of one confirm-mode channel: a future per publish sequence number
 * (1, 2, 3, ... in publish order), settled by the broker's basic.ack / basic.nack, where
 * {@code multiple} settles every number up to and including the tag.
 *
 * <p>Threading: {@link #register} is called by publishing threads under the channel's publish
 * lock (a publisher waiting for room holds it, so the others wait behind it); {@link #ack}, {@link #nack} and {@link #failAll} run on the connection's event loop,
 * which is where the futures complete (dependents must hand work off, never block).
 */
final class VmConfirms {
    /** Most publishes awaiting their confirm before publishing waits: in-process there is no socket buffer to push back. */
    static final int MAX_UNCONFIRMED = 10_000;

    private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> pending = new ConcurrentSkipListMap<>();
    private final Semaphore room = new Semaphore(MAX_UNCONFIRMED);
    private long lastSequence;

    /**
     * The next sequence number's future; call once per publish, in publish order. Waits (up to
     * {@code timeout}) while {@value #MAX_UNCONFIRMED} publishes are unconfirmed.
     */
    CompletableFuture<Void> register(Duration timeout) throws ProviderException {
        try {
            if (!room.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProviderException("basic.publish: " + MAX_UNCONFIRMED + " publishes still unconfirmed after "
                        + timeout.toMillis() + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("basic.publish: interrupted while waiting for publisher confirms", e);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        pending.put(++lastSequence, future);
        return future;
    }

    void ack(long tag, boolean multiple) {
        settle(tag, multiple, null);
    }

    void nack(long tag, boolean multiple) {
        settle(tag, multiple, new ProviderException("the broker refused the message (basic.nack)", null));
    }

    /** The channel is gone: nothing still pending will ever be confirmed. */
    void failAll(ProviderException failure) {
        for (Map.Entry<Long, CompletableFuture<Void>> e : pending.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                room.release();
                e.getValue().completeExceptionally(failure);
            }
        }
    }

    int outstanding() {
        return pending.size();
    }

    private void settle(long tag, boolean multiple, ProviderException failure) {
        Map<Long, CompletableFuture<Void>> settled;
        if (multiple) {
            settled = pending.headMap(tag, true);
        } else {
            CompletableFuture<Void> f = pending.get(tag);
            settled = f == null ? Map.of() : Map.of(tag, f);
        }
        for (Map.Entry<Long, CompletableFuture<Void>> e : settled.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                room.release();
                if (failure == null) {
                    e.getValue().complete(null);
                } else {
                    e.getValue().completeExceptionally(failure);
                }
            }
        }
    }
}
