package org.ferrymq.broker.store.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.ferrymq.broker.amqp.codec.AmqpFieldTable;
import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;
import org.ferrymq.broker.store.BindingRecord;
import org.ferrymq.broker.store.ExchangeRecord;
import org.ferrymq.broker.store.QueueRecord;
import org.ferrymq.broker.store.StoredMessage;
import org.junit.jupiter.api.Test;

class CodecTest {
    static Map<String, Object> allFieldTypes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", "value");
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("string", "héllo ✓ 日本");
        table.put("int", 42);
        table.put("long", 1L << 40);
        table.put("bool", true);
        table.put("bytes", new byte[] {1, 2, 3});
        table.put("table", nested);
        table.put("array", List.of(1, "two", false));
        table.put("byte", (byte) -5);
        table.put("short", (short) 1234);
        table.put("float", 1.5f);
        table.put("double", 2.25d);
        table.put("decimal", new BigDecimal("123.45"));
        table.put("timestamp", new Date(1_700_000_000_000L));
        table.put("void", null);
        table.put("x-dead-letter-exchange", "");
        return table;
    }

    /** Tables hold byte arrays, so compare them by their AMQP encoding. */
    static byte[] encoded(Map<String, ?> table) {
        ByteBuf buf = Unpooled.buffer();
        AmqpFieldTable.write(buf, table);
        return ByteBufUtil.getBytes(buf);
    }

    @Test
    void messagesRoundTrip() {
        for (StoredMessage m : List.of(
                new StoredMessage(1, "", "", new byte[0], new byte[0]),
                new StoredMessage(Long.MAX_VALUE, "ex-ünïcødé-交换", "rk.✓", new byte[] {(byte) 0x80, 0}, new byte[] {9}),
                new StoredMessage(7, null, null, null, null),
                StoreTestMessages.message(3, 1 << 20))) {
            StoredMessage back = MessageCodec.decode(m.id(), MessageCodec.encode(m));
            assertThat(back.id()).isEqualTo(m.id());
            assertThat(back.exchange()).isEqualTo(m.exchange());
            assertThat(back.routingKey()).isEqualTo(m.routingKey());
            assertThat(back.rawProperties()).isEqualTo(m.rawProperties());
            assertThat(back.body()).isEqualTo(m.body());
        }
    }

    @Test
    void aSmallMessageIsCompact() {
        StoredMessage m = new StoredMessage(1, "amq.direct", "queue-1", new byte[14], new byte[100]);
        assertThat(MessageCodec.encode(m).length).isLessThan(145);
    }

    @Test
    void definitionsRoundTrip() {
        UserDefinition user = new UserDefinition("ü-user", "hash==", Set.of("administrator", "monitoring"));
        assertThat(DefinitionCodec.decodeUser(DefinitionCodec.encodeUser(user))).isEqualTo(user);
        UserDefinition noTags = new UserDefinition("plain", null, Set.of());
        assertThat(DefinitionCodec.decodeUser(DefinitionCodec.encodeUser(noTags))).isEqualTo(noTags);

        PermissionDefinition p = new PermissionDefinition("u", "/vh ✓", "^conf.*", "", ".*");
        assertThat(DefinitionCodec.decodePermission(DefinitionCodec.encodePermission(p))).isEqualTo(p);

        ExchangeRecord e = new ExchangeRecord("/", "logs-交换", "topic", true, true, allFieldTypes());
        ExchangeRecord eBack = DefinitionCodec.decodeExchange(DefinitionCodec.encodeExchange(e));
        assertThat(eBack).usingRecursiveComparison().ignoringFields("arguments").isEqualTo(e);
        assertThat(encoded(eBack.arguments())).isEqualTo(encoded(e.arguments()));
        assertThat(eBack.arguments().get("decimal")).isEqualTo(new BigDecimal("123.45"));
        assertThat(eBack.arguments().get("string")).isEqualTo("héllo ✓ 日本");

        QueueRecord q = new QueueRecord(17, "/", "q", false, Map.of("x-max-length", 10));
        assertThat(DefinitionCodec.decodeQueue(17, DefinitionCodec.encodeQueue(q))).isEqualTo(q);
        QueueRecord noArgs = new QueueRecord(18, "v", "", true, null);
        assertThat(DefinitionCodec.decodeQueue(18, DefinitionCodec.encodeQueue(noArgs)).arguments()).isEmpty();

        BindingRecord b = new BindingRecord("/", "amq.topic", "dest", true, "a.#", Map.of("x-match", "all"));
        assertThat(DefinitionCodec.decodeBindingKey(DefinitionCodec.bindingKey(b))).isEqualTo(b);
    }

    @Test
    void bindingKeysDoNotDependOnArgumentOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertThat(DefinitionCodec.bindingKey(new BindingRecord("/", "s", "d", false, "k", ab)))
                .isEqualTo(DefinitionCodec.bindingKey(new BindingRecord("/", "s", "d", false, "k", ba)));
    }

    @Test
    void damagedRecordsAreRejectedNotMisread() {
        byte[] good = MessageCodec.encode(StoreTestMessages.message(5, 100));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 10);
        assertThatThrownBy(() -> MessageCodec.decode(5, truncated)).isInstanceOf(StoreFormatException.class);
        byte[] flippedBit = good.clone();
        flippedBit[good.length - 20] ^= 0x10; // inside the body
        assertThatThrownBy(() -> MessageCodec.decode(5, flippedBit))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("message 5", "checksum");
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 3);
        assertThatThrownBy(() -> MessageCodec.decode(5, trailing)).isInstanceOf(StoreFormatException.class);
        byte[] damagedQueue = DefinitionCodec.encodeQueue(new QueueRecord(1, "/", "q", false, Map.of()));
        damagedQueue[3] ^= 1;
        assertThatThrownBy(() -> DefinitionCodec.decodeQueue(1, damagedQueue)).hasMessageContaining("checksum");
    }
}
