package org.ferrymq.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.impl.ValueReader;
import com.rabbitmq.client.impl.ValueWriter;

import jakarta.jms.MessageFormatException;

import org.junit.jupiter.api.Test;

/** Our field-table body encoding agrees byte for byte with the RabbitMQ client's table codec. */
class FieldTableCodecTest {

    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bool", true);
        m.put("byte", (byte) -1);
        m.put("short", (short) 300);
        m.put("int", 70_000);
        m.put("long", 1L << 40);
        m.put("float", 1.5f);
        m.put("double", 2.25);
        m.put("string", "grüß");
        m.put("bytes", new byte[] {1, 2});
        m.put("null", null);
        return m;
    }

    @Test
    void theRabbitMqClientReadsOurTables() throws Exception {
        byte[] ours = FieldTableCodec.encodeTable(sample());
        Map<String, Object> read = new ValueReader(new DataInputStream(new ByteArrayInputStream(ours))).readTable();
        assertEquals(true, read.get("bool"));
        assertEquals((byte) -1, read.get("byte"));
        assertEquals((short) 300, read.get("short"));
        assertEquals(70_000, read.get("int"));
        assertEquals(1L << 40, read.get("long"));
        assertEquals(1.5f, read.get("float"));
        assertEquals(2.25, read.get("double"));
        assertEquals("grüß", read.get("string").toString());
        assertArrayEquals(new byte[] {1, 2}, (byte[]) read.get("bytes"));
        assertEquals(null, read.get("null"));
    }

    @Test
    void weReadTheRabbitMqClientsTables() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ValueWriter(new DataOutputStream(bytes)).writeTable(sample());
        Map<String, Object> read = FieldTableCodec.decodeTable(bytes.toByteArray());
        Map<String, Object> expected = sample();
        assertEquals(expected.keySet(), read.keySet());
        for (String k : expected.keySet()) {
            if (expected.get(k) instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) read.get(k));
            } else {
                assertEquals(expected.get(k), read.get(k), k);
            }
        }
    }

    @Test
    void arraysRoundTripWithChars() throws Exception {
        List<Object> values = List.of('x', 5, "s");
        assertEquals(values, FieldTableCodec.decodeArray(FieldTableCodec.encodeArray(values)));
    }

    @Test
    void truncatedBodiesAreMessageFormatExceptions() throws Exception {
        byte[] good = FieldTableCodec.encodeTable(sample());
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        assertThrows(MessageFormatException.class, () -> FieldTableCodec.decodeTable(cut));
        assertThrows(MessageFormatException.class, () -> FieldTableCodec.decodeArray(new byte[] {0, 0, 0, 9, 'I'}));
    }
}
