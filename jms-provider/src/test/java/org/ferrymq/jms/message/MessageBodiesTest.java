package org.ferrymq.jms.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import org.junit.jupiter.api.Test;

/** Body states (write-only / read-only), encodings and getBody for the five message types. */
class MessageBodiesTest {

    private static <T extends FerryMessage> T roundTrip(T m) throws Exception {
        @SuppressWarnings("unchecked")
        T copy = (T) m.bodyType().newMessage();
        copy.decodeBody(m.encodeBody());
        copy.markReceived(null);
        return copy;
    }

    @Test
    void textRoundTripsAsUtf8AndIsReadOnlyAfterReceipt() throws Exception {
        FerryTextMessage t = new FerryTextMessage();
        t.setText("grüße ✓");
        assertArrayEquals("grüße ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8), t.encodeBody());
        FerryTextMessage r = roundTrip(t);
        assertEquals("grüße ✓", r.getText());
        assertThrows(MessageNotWriteableException.class, () -> r.setText("x"));
        assertEquals("grüße ✓", r.getBody(String.class));
        assertTrue(r.isBodyAssignableTo(String.class));
        assertFalse(r.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> r.getBody(Integer.class));
        r.clearBody();
        r.setText("again");
        assertEquals("again", r.getText());
    }

    @Test
    void bytesAreWriteOnlyThenReadOnly() throws Exception {
        FerryBytesMessage b = new FerryBytesMessage();
        b.writeInt(42);
        b.writeUTF("hi");
        b.writeObject((byte) 3);
        assertThrows(MessageNotReadableException.class, b::readInt);
        assertThrows(MessageNotReadableException.class, b::getBodyLength);
        b.reset();
        assertEquals(4 + 4 + 1, b.getBodyLength());
        assertEquals(42, b.readInt());
        assertEquals("hi", b.readUTF());
        assertEquals(3, b.readByte());
        assertThrows(MessageEOFException.class, b::readByte);
        assertThrows(MessageNotWriteableException.class, () -> b.writeInt(1));
        FerryBytesMessage r = roundTrip(b);
        byte[] buf = new byte[20];
        assertEquals(9, r.readBytes(buf));
        assertEquals(-1, r.readBytes(buf));
        assertEquals(9, r.getBody(byte[].class).length);
        assertThrows(MessageFormatException.class, () -> r.writeObject(new Object()) );
    }

    @Test
    void mapKeepsExactTypesThroughTheAmqpTable() throws Exception {
        FerryMapMessage m = new FerryMapMessage();
        m.setBoolean("bool", true);
        m.setByte("byte", (byte) 1);
        m.setShort("short", (short) 2);
        m.setChar("char", 'c');
        m.setInt("int", 3);
        m.setLong("long", 4L);
        m.setFloat("float", 5.5f);
        m.setDouble("double", 6.5d);
        m.setString("string", "s");
        m.setBytes("bytes", new byte[] {1, 2});
        m.setObject("null", null);
        FerryMapMessage r = roundTrip(m);
        assertEquals(Boolean.TRUE, r.getObject("bool"));
        assertEquals((byte) 1, r.getObject("byte"));
        assertEquals((short) 2, r.getObject("short"));
        assertEquals('c', r.getObject("char"));
        assertEquals(3, r.getObject("int"));
        assertEquals(4L, r.getObject("long"));
        assertEquals(5.5f, r.getObject("float"));
        assertEquals(6.5d, r.getObject("double"));
        assertEquals("s", r.getObject("string"));
        assertArrayEquals(new byte[] {1, 2}, r.getBytes("bytes"));
        assertTrue(r.itemExists("null"));
        assertNull(r.getString("null"));
        assertEquals(3L, r.getLong("int"));
        assertThrows(MessageFormatException.class, () -> r.getInt("long"));
        assertThrows(MessageFormatException.class, () -> r.getString("bytes"));
        assertThrows(MessageNotWriteableException.class, () -> r.setInt("x", 1));
        assertEquals(11, r.getBody(Map.class).size());
    }

    @Test
    void streamReadsInOrderAndKeepsPositionOnFailedConversion() throws Exception {
        FerryStreamMessage s = new FerryStreamMessage();
        s.writeInt(1);
        s.writeString("2");
        s.writeBytes(new byte[] {9, 8, 7});
        s.writeChar('z');
        FerryStreamMessage r = roundTrip(s);
        assertThrows(MessageFormatException.class, r::readShort);
        assertEquals(1L, r.readLong());
        assertEquals(2, r.readInt());
        byte[] two = new byte[2];
        assertEquals(2, r.readBytes(two));
        assertEquals(1, r.readBytes(two));
        assertEquals(7, two[0]);
        assertEquals('z', r.readChar());
        assertThrows(MessageEOFException.class, r::readObject);
        assertThrows(MessageNotWriteableException.class, () -> r.writeInt(1));
        assertThrows(MessageFormatException.class, () -> r.getBody(Object.class));
        assertFalse(r.isBodyAssignableTo(Object.class));
    }

    @Test
    void objectMessageCopiesOnSet() throws Exception {
        FerryObjectMessage o = new FerryObjectMessage();
        List<String> list = new ArrayList<>(List.of("a"));
        o.setObject((java.io.Serializable) list);
        list.add("b");
        FerryObjectMessage r = roundTrip(o);
        assertEquals(List.of("a"), r.getObject());
        assertTrue(r.isBodyAssignableTo(List.class));
        assertFalse(r.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> r.getBody(String.class));
    }

    @Test
    void emptyBodiesReadAsNull() throws Exception {
        assertNull(new FerryMessage().getBody(Object.class));
        assertNull(new FerryTextMessage().getBody(String.class));
        assertNull(new FerryMapMessage().getBody(Map.class));
        assertNull(new FerryBytesMessage().getBody(byte[].class));
        assertTrue(new FerryObjectMessage().isBodyAssignableTo(Integer.class));
    }
}
