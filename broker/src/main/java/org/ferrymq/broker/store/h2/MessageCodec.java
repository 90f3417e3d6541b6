package org.ferrymq.broker.store.h2;

import org.ferrymq.broker.store.StoredMessage;

/**
 * Binary form of a {@link StoredMessage}: version byte, arrival time, exchange, routing key, raw
 * content-header properties, body, CRC32C. The id is not repeated: it is the key the value is
 * stored under. Stateless.
 */
final class MessageCodec {
    static final int VERSION = 2;

    private MessageCodec() {
    }

    static byte[] encode(StoredMessage message) {
        int estimate = 24 + length(message.rawProperties()) + length(message.body())
                + 3 * (message.exchange() == null ? 0 : message.exchange().length())
                + 3 * (message.routingKey() == null ? 0 : message.routingKey().length());
        return new RecordOutput(estimate)
                .writeByte(VERSION)
                .writeVarLong(message.arrivedAt())
                .writeString(message.exchange())
                .writeString(message.routingKey())
                .writeBytes(message.rawProperties())
                .writeBytes(message.body())
                .toChecksummedByteArray();
    }

    static StoredMessage decode(long id, byte[] bytes) {
        try {
            RecordInput in = RecordInput.checksummed(bytes, "stored message").expectVersion(VERSION);
            long arrivedAt = in.readVarLong();
            StoredMessage message = new StoredMessage(id, in.readString(), in.readString(), in.readBytes(),
                    in.readBytes(), arrivedAt);
            in.expectEnd();
            return message;
        } catch (StoreFormatException e) {
            throw new StoreFormatException("message " + id + ": " + e.getMessage(), e);
        }
    }

    /** Rough heap/disk weight of a message, for bounding a group commit. */
    static int weight(StoredMessage message) {
        return 64 + length(message.rawProperties()) + length(message.body());
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
