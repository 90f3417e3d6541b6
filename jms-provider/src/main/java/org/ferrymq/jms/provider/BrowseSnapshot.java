package org.ferrymq.jms.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collects the deliveries of a FerryMQ browse ({@code basic.consume} with {@code x-browse: true}):
 * copies of the queue's ready messages, in queue order, until the broker's basic.cancel says the
 * snapshot is complete. Deliveries and the cancel arrive in order on one transport thread.
 */
public final class BrowseSnapshot implements DeliveryListener {
    /** The basic.consume argument that asks for a browse. */
    public static final String BROWSE_ARGUMENT = "x-browse";
    /** The most messages the broker sends for one browse. */
    public static final String LIMIT_ARGUMENT = "x-browse-limit";

    private final List<WireDelivery> deliveries = new ArrayList<>();
    private final CompletableFuture<List<WireDelivery>> complete = new CompletableFuture<>();

    @Override
    public void onDelivery(WireDelivery delivery) {
        synchronized (deliveries) {
            deliveries.add(delivery);
        }
    }

    @Override
    public void onCancelled() {
        synchronized (deliveries) {
            complete.complete(List.copyOf(deliveries));
        }
    }

    /** The snapshot, once the broker has ended it; fails if that takes longer than {@code timeout}. */
    public List<WireDelivery> await(String queue, Duration timeout) throws ProviderException {
        try {
            return complete.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProviderException("browsing " + queue + ": the broker did not end the snapshot within "
                    + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new ProviderException("browsing " + queue + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("browsing " + queue + ": interrupted", e);
        }
    }

    /** The consume arguments for a browse of at most {@code limit} messages, filtered by {@code selector} (or null). */
    public static Map<String, Object> arguments(String selector, int limit) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put(BROWSE_ARGUMENT, true);
        arguments.put(LIMIT_ARGUMENT, limit);
        if (selector != null && !selector.isBlank()) {
            arguments.put("x-selector", selector);
        }
        return arguments;
    }
}
