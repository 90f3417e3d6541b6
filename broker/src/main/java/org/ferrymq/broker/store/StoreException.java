package org.ferrymq.broker.store;

/** The store could not do what was asked: a write or sync failed, or the store is closed or broken. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
