package org.ferrymq.broker.xa;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.ferrymq.broker.store.StoredMessage;

/**
 * A prepared branch as the store keeps it: its vhost and Xid, the messages it published (with the
 * names of the queues they were routed to) and the stored queue entries it consumed. Encoded as a
 * versioned binary record; the store treats it as opaque bytes. Immutable.
 */
record PreparedRecord(String vhost, BranchXid xid, List<Publish> publishes, List<Consumed> consumed) {
    private static final int VERSION = 1;

    record Publish(StoredMessage message, List<String> queues) {
    }

    record Consumed(String queue, long queueStoreId, long messageId, HeldOutcome outcome) {
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(vhost);
            byte[] id = xid.encode();
            out.writeShort(id.length);
            out.write(id);
            out.writeInt(publishes.size());
            for (Publish p : publishes) {
                StoredMessage m = p.message();
                out.writeLong(m.id());
                out.writeUTF(m.exchange());
                out.writeUTF(m.routingKey());
                writeBytes(out, m.rawProperties());
                writeBytes(out, m.body());
                out.writeLong(m.arrivedAt());
                out.writeInt(p.queues().size());
                for (String q : p.queues()) {
                    out.writeUTF(q);
                }
            }
            out.writeInt(consumed.size());
            for (Consumed c : consumed) {
                out.writeUTF(c.queue());
                out.writeLong(c.queueStoreId());
                out.writeLong(c.messageId());
                out.writeByte(c.outcome().ordinal());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PreparedRecord decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(record))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown prepared-branch record version " + version);
            }
            String vhost = in.readUTF();
            byte[] id = new byte[in.readUnsignedShort()];
            in.readFully(id);
            BranchXid xid = BranchXid.decode(ByteBuffer.wrap(id));
            int publishCount = in.readInt();
            List<Publish> publishes = new ArrayList<>(publishCount);
            for (int i = 0; i < publishCount; i++) {
                StoredMessage m = new StoredMessage(in.readLong(), in.readUTF(), in.readUTF(), readBytes(in), readBytes(in),
                        in.readLong());
                int queueCount = in.readInt();
                List<String> queues = new ArrayList<>(queueCount);
                for (int q = 0; q < queueCount; q++) {
                    queues.add(in.readUTF());
                }
                publishes.add(new Publish(m, queues));
            }
            int consumedCount = in.readInt();
            List<Consumed> consumed = new ArrayList<>(consumedCount);
            for (int i = 0; i < consumedCount; i++) {
                consumed.add(new Consumed(in.readUTF(), in.readLong(), in.readLong(), HeldOutcome.values()[in.readUnsignedByte()]));
            }
            return new PreparedRecord(vhost, xid, publishes, consumed);
        } catch (IOException e) {
            throw new IllegalArgumentException("a prepared-branch record is truncated", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
