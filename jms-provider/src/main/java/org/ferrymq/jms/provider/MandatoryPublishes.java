package org.ferrymq.jms.provider;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mandatory publishes of one confirm-mode channel that still await their confirm, by message
 * id. A send to a JMS Queue goes to the default exchange, where a queue deleted behind the
 * producer's back routes the message nowhere; the broker still confirms it. Published mandatory,
 * the message comes back in a basic.return, which the broker sends before the basic.ack for it
 * (AMQP 0-9-1, and RabbitMQ's confirm rules), so by the time the confirm arrives we know: a returned
 * publish fails with 312 NO_ROUTE instead of being confirmed into nothing.
 *
 * <p>Threading: {@link #track} runs on publishing threads; {@link #returned} and the confirm that
 * completes a tracked future both run on the channel's transport thread, in that order.
 */
public final class MandatoryPublishes {
    /** AMQP reply code of a mandatory message that no queue took. */
    public static final int NO_ROUTE = 312;

    private final Set<String> awaiting = ConcurrentHashMap.newKeySet();
    private final Map<String, String> returned = new ConcurrentHashMap<>();

    /**
     * The publish's outcome: {@code confirmed} as it is, except that a publish returned before its
     * confirm fails with {@link #NO_ROUTE}. Call it before the publish is written, or a return could
     * arrive first. Without a message id nothing can be matched, so the confirm is taken as it is.
     */
    public CompletableFuture<Void> track(String messageId, String doing, CompletableFuture<Void> confirmed) {
        if (messageId == null) {
            return confirmed;
        }
        awaiting.add(messageId);
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        confirmed.whenComplete((ok, failure) -> {
            awaiting.remove(messageId);
            String why = returned.remove(messageId);
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else if (why != null) {
                outcome.completeExceptionally(new ProviderException(NO_ROUTE, doing + ": the broker returned it ("
                        + why + "): no queue took it", false, null));
            } else {
                outcome.complete(null);
            }
        });
        return outcome;
    }

    /** A basic.return arrived; true if it belongs to a publish tracked here. */
    public boolean returned(String messageId, int replyCode, String replyText) {
        if (messageId == null || !awaiting.contains(messageId)) {
            return false;
        }
        returned.put(messageId, replyCode + " " + replyText);
        return true;
    }
}
