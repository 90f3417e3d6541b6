package org.ferrymq.bench;

/** The broker under test did not come up; the message says why, for the report. */
public final class BrokerStartException extends Exception {
    public BrokerStartException(String message) {
        super(message);
    }
}
