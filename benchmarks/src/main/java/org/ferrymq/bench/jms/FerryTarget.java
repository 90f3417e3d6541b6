package org.ferrymq.bench.jms;

import org.ferrymq.jms.FerryConnectionFactory;

/** A FerryMQ target, whose connection factory can be switched to blockOnDurableSend=false. */
interface FerryTarget extends JmsTarget {
    FerryConnectionFactory ferryFactory();

    /** Synchronous PERSISTENT sends stop waiting for the broker's confirm. */
    default void doNotBlockOnDurableSend() {
        ferryFactory().setBlockOnDurableSend(false);
    }

    /** What the description adds when the factory does not block on durable sends. */
    default String blockingNote() {
        return ferryFactory().isBlockOnDurableSend() ? "" : ", blockOnDurableSend=false";
    }
}
