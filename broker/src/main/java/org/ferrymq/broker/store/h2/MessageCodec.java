package org.ferrymq.broker.store.h2;

import org.ferrymq.broker.store.StoredMessage;

/**
 * Binary form of a {@link StoredMessage}: version byte, arrival time (version 2 on), exchange,
 * routing key, raw content-header properties, body. The id is not repeated: it is the key the
 * value is stored under. Version 1 records (no arrival time) are still read. Stateless.
 */
final class MessageCodec {
    static final int VERSION = 2;
    private static final int VERSION_WITHOUT_ARRIVAL = 1;

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
                .toByteArray();
    }

    static StoredMessage decode(long id, byte[] bytes) {
        try {
            RecordInput in = new RecordInput(bytes, "stored message");
            int version = in.readByte();
            if (version != VERSION && version != VERSION_WITHOUT_ARRIVAL) {
                throw new StoreFormatException("stored message has record version " + version
                        + ", this FerryMQ reads versions 1 and " + VERSION);
            }
            long arrivedAt = version == VERSION ? in.readVarLong() : 0;
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
