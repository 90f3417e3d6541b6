package org.ferrymq.broker.store.h2;

import org.ferrymq.broker.store.StoreException;

/** The store file was written by a newer FerryMQ; it is left untouched rather than treated as corrupt. */
final class UnsupportedStoreFormatException extends StoreException {
    UnsupportedStoreFormatException(String message) {
        super(message);
    }
}
