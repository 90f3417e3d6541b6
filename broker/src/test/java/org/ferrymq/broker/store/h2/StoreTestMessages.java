package org.ferrymq.broker.store.h2;

import java.nio.charset.StandardCharsets;

import org.ferrymq.broker.store.StoredMessage;

/** Small message factories shared by the store tests. */
final class StoreTestMessages {
    private StoreTestMessages() {
    }

    static StoredMessage message(long id, int bodySize) {
        byte[] body = new byte[bodySize];
        for (int i = 0; i < bodySize; i++) {
            body[i] = (byte) (id * 31 + i);
        }
        return new StoredMessage(id, "amq.direct", "key-" + id, "props".getBytes(StandardCharsets.US_ASCII), body);
    }
}
