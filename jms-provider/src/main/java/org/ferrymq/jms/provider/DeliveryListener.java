package org.ferrymq.jms.provider;

/**
 * Receives a consumer's deliveries on a transport thread, in order. {@link #onDelivery} must not
 * block or wait for a lock an application thread may hold across a broker round trip: over
 * vm:// it runs on the connection's I/O thread, which also carries that round trip's answer.
 */
public interface DeliveryListener {
    void onDelivery(WireDelivery delivery);

    /** The broker cancelled the consumer (e.g. its queue was deleted). */
    default void onCancelled() {
    }
}
