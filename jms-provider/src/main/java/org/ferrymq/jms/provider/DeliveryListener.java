package org.ferrymq.jms.provider;

/** Receives a consumer's deliveries, on a transport thread; must not block for long. */
public interface DeliveryListener {
    void onDelivery(WireDelivery delivery);

    /** The broker cancelled the consumer (e.g. its queue was deleted). */
    default void onCancelled() {
    }
}
