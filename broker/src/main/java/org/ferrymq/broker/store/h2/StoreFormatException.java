package org.ferrymq.broker.store.h2;

import org.ferrymq.broker.store.StoreException;

/** A stored record cannot be decoded: corrupt, truncated, or written by an unknown version. */
final class StoreFormatException extends StoreException {
    StoreFormatException(String message) {
        super(message);
    }

    StoreFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
