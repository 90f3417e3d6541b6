package org.ferrymq.broker.store.h2;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;
import org.ferrymq.broker.store.BindingRecord;
import org.ferrymq.broker.store.ExchangeRecord;
import org.ferrymq.broker.store.QueueRecord;

/**
 * Binary form of the durable definitions and of the keys they are stored under. Every value starts
 * with a version byte and ends with a CRC32C; arguments are AMQP field tables. A null arguments map reads back as an
 * empty one. Stateless.
 */
final class DefinitionCodec {
    static final int VERSION = 1;
    private static final byte[] EMPTY_VALUE = {VERSION};

    private DefinitionCodec() {
    }

    // --- keys -------------------------------------------------------------------------------

    static byte[] nameKey(String name) {
        return new RecordOutput(name.length() + 4).writeString(name).toByteArray();
    }

    static String decodeNameKey(byte[] key) {
        RecordInput in = new RecordInput(key, "name key");
        String name = in.readString();
        in.expectEnd();
        return name;
    }

    static byte[] pairKey(String first, String second) {
        return new RecordOutput(first.length() + second.length() + 8).writeString(first).writeString(second)
                .toByteArray();
    }

    /**
     * A binding is identified by all its fields, arguments included (headers-exchange bindings
     * differ only by them); top-level argument keys are sorted so that the same binding always
     * gets the same key.
     */
    static byte[] bindingKey(BindingRecord binding) {
        return new RecordOutput(64)
                .writeByte(VERSION)
                .writeString(binding.vhost())
                .writeString(binding.source())
                .writeString(binding.destination())
                .writeByte(binding.destinationIsExchange() ? 1 : 0)
                .writeString(binding.routingKey())
                .writeTable(binding.arguments() == null ? null : new TreeMap<>(binding.arguments()))
                .toByteArray();
    }

    static BindingRecord decodeBindingKey(byte[] key) {
        RecordInput in = new RecordInput(key, "binding").expectVersion(VERSION);
        BindingRecord binding = new BindingRecord(in.readString(), in.readString(), in.readString(),
                in.readByte() == 1, in.readString(), in.readTable());
        in.expectEnd();
        return binding;
    }

    /** The value of entries whose key says everything (vhosts, bindings). */
    static byte[] emptyValue() {
        return EMPTY_VALUE.clone();
    }

    // --- values -----------------------------------------------------------------------------

    static byte[] encodeUser(UserDefinition user) {
        RecordOutput out = new RecordOutput(128).writeByte(VERSION).writeString(user.name())
                .writeString(user.passwordHash()).writeVarLong(user.tags().size());
        for (String tag : user.tags()) {
            out.writeString(tag);
        }
        return out.toChecksummedByteArray();
    }

    static UserDefinition decodeUser(byte[] bytes) {
        RecordInput in = RecordInput.checksummed(bytes, "user").expectVersion(VERSION);
        String name = in.readString();
        String hash = in.readString();
        long count = in.readVarLong();
        Set<String> tags = new HashSet<>();
        for (long i = 0; i < count; i++) {
            tags.add(in.readString());
        }
        in.expectEnd();
        return new UserDefinition(name, hash, tags);
    }

    static byte[] encodePermission(PermissionDefinition p) {
        return new RecordOutput(64).writeByte(VERSION).writeString(p.user()).writeString(p.vhost())
                .writeString(p.configure()).writeString(p.write()).writeString(p.read()).toChecksummedByteArray();
    }

    static PermissionDefinition decodePermission(byte[] bytes) {
        RecordInput in = RecordInput.checksummed(bytes, "permission").expectVersion(VERSION);
        PermissionDefinition p = new PermissionDefinition(in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString());
        in.expectEnd();
        return p;
    }

    static byte[] encodeExchange(ExchangeRecord e) {
        return new RecordOutput(64).writeByte(VERSION).writeString(e.vhost()).writeString(e.name())
                .writeString(e.type()).writeByte((e.autoDelete() ? 1 : 0) | (e.internal() ? 2 : 0))
                .writeTable(e.arguments()).toChecksummedByteArray();
    }

    static ExchangeRecord decodeExchange(byte[] bytes) {
        RecordInput in = RecordInput.checksummed(bytes, "exchange").expectVersion(VERSION);
        String vhost = in.readString();
        String name = in.readString();
        String type = in.readString();
        int flags = in.readByte();
        ExchangeRecord e = new ExchangeRecord(vhost, name, type, (flags & 1) != 0, (flags & 2) != 0, in.readTable());
        in.expectEnd();
        return e;
    }

    /** The id is the key, so it is not part of the value. */
    static byte[] encodeQueue(QueueRecord q) {
        return new RecordOutput(64).writeByte(VERSION).writeString(q.vhost()).writeString(q.name())
                .writeByte(q.autoDelete() ? 1 : 0).writeTable(q.arguments()).toChecksummedByteArray();
    }

    static QueueRecord decodeQueue(long id, byte[] bytes) {
        RecordInput in = RecordInput.checksummed(bytes, "queue " + id).expectVersion(VERSION);
        QueueRecord q = new QueueRecord(id, in.readString(), in.readString(), in.readByte() == 1, in.readTable());
        in.expectEnd();
        return q;
    }
}
