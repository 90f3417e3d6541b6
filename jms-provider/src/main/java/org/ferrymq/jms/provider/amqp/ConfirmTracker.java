package org.ferrymq.jms.provider.amqp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import com.rabbitmq.client.ConfirmListener;

import org.ferrymq.jms.provider.ProviderException;

/**
 * Publisher confirms of one channel: one future per publish sequence number, completed by
 * basic.ack / basic.nack (which may cover many numbers at once with {@code multiple}).
 *
 * <p>Threading: registered by publishing threads, completed on the client's connection thread.
 */
final class ConfirmTracker implements ConfirmListener {
    private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> pending = new ConcurrentSkipListMap<>();

    CompletableFuture<Void> register(long sequenceNumber) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        pending.put(sequenceNumber, future);
        return future;
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, null);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, new ProviderException("the broker refused the message (basic.nack)", null));
    }

    /** The channel is gone: nothing still pending will ever be confirmed. */
    void failAll(ProviderException failure) {
        for (Map.Entry<Long, CompletableFuture<Void>> e : pending.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                e.getValue().completeExceptionally(failure);
            }
        }
    }

    private void settle(long tag, boolean multiple, ProviderException failure) {
        Map<Long, CompletableFuture<Void>> settled = multiple ? pending.headMap(tag, true) : single(tag);
        for (Map.Entry<Long, CompletableFuture<Void>> e : settled.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                if (failure == null) {
                    e.getValue().complete(null);
                } else {
                    e.getValue().completeExceptionally(failure);
                }
            }
        }
    }

    private Map<Long, CompletableFuture<Void>> single(long tag) {
        CompletableFuture<Void> f = pending.get(tag);
        return f == null ? Map.of() : Map.of(tag, f);
    }
}
