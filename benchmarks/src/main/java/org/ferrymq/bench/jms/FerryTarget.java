package org.ferrymq.bench.jms;

/** A FerryMQ target, whose connection factory can be switched to blockOnDurableSend=false. */
interface FerryTarget extends JmsTarget {
    /** Synchronous PERSISTENT sends stop waiting for the broker's confirm; the description says so. */
    void doNotBlockOnDurableSend();
}
