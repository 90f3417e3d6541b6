package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every message type, every header and every property type, through a real broker. */
class MessageTypesIT extends BrokerTestBase {
    private Session session;
    private Queue queue;
    private MessageProducer producer;
    private MessageConsumer consumer;

    @BeforeEach
    void open() throws Exception {
        Connection c = started();
        session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue(TestBroker.queueName("types"));
        producer = session.createProducer(queue);
        consumer = session.createConsumer(queue);
    }

    private <T extends Message> T roundTrip(Message m, Class<T> type) throws Exception {
        producer.send(m);
        Message r = consumer.receive(5000);
        assertNotNull(r, "nothing received");
        return assertInstanceOf(type, r);
    }

    @Test
    void textMessage() throws Exception {
        TextMessage r = roundTrip(session.createTextMessage("hello ✓"), TextMessage.class);
        assertEquals("hello ✓", r.getText());
        assertThrows(MessageNotWriteableException.class, () -> r.setText("x"));
    }

    @Test
    void bytesMessage() throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeLong(123456789L);
        m.writeUTF("u");
        m.writeBytes(new byte[] {1, 2, 3});
        BytesMessage r = roundTrip(m, BytesMessage.class);
        assertEquals(8 + 3 + 3, r.getBodyLength());
        assertEquals(123456789L, r.readLong());
        assertEquals("u", r.readUTF());
        byte[] rest = new byte[3];
        assertEquals(3, r.readBytes(rest));
        assertArrayEquals(new byte[] {1, 2, 3}, rest);
    }

    @Test
    void mapMessage() throws Exception {
        MapMessage m = session.createMapMessage();
        m.setInt("i", 1);
        m.setString("s", "two");
        m.setDouble("d", 3.0);
        m.setBytes("b", new byte[] {4});
        m.setChar("c", 'x');
        MapMessage r = roundTrip(m, MapMessage.class);
        assertEquals(1, r.getInt("i"));
        assertEquals("two", r.getString("s"));
        assertEquals(3.0, r.getDouble("d"));
        assertArrayEquals(new byte[] {4}, r.getBytes("b"));
        assertEquals('x', r.getChar("c"));
        List<Object> names = new ArrayList<>(Collections.list(r.getMapNames()));
        assertEquals(5, names.size());
    }

    @Test
    void streamMessage() throws Exception {
        StreamMessage m = session.createStreamMessage();
        m.writeBoolean(true);
        m.writeShort((short) 7);
        m.writeString("str");
        m.writeFloat(1.5f);
        StreamMessage r = roundTrip(m, StreamMessage.class);
        assertTrue(r.readBoolean());
        assertEquals(7, r.readInt());
        assertEquals("str", r.readString());
        assertEquals(1.5, r.readDouble());
    }

    @Test
    void objectMessage() throws Exception {
        ObjectMessage r = roundTrip(session.createObjectMessage(new java.util.ArrayList<>(List.of("a", "b"))), ObjectMessage.class);
        assertEquals(List.of("a", "b"), r.getObject());
        assertEquals(List.of("a", "b"), r.getBody(List.class));
    }

    @Test
    void bodylessMessage() throws Exception {
        Message r = roundTrip(session.createMessage(), Message.class);
        assertFalse(r instanceof TextMessage);
        assertNull(r.getBody(Object.class));
    }

    @Test
    void headersTravelAsAmqpProperties() throws Exception {
        Queue replies = session.createQueue(TestBroker.queueName("replies"));
        Message m = session.createTextMessage("h");
        m.setJMSCorrelationID("corr-1");
        m.setJMSType("order.created");
        m.setJMSReplyTo(replies);
        producer.send(m, DeliveryMode.NON_PERSISTENT, 8, 60_000);
        assertNotNull(m.getJMSMessageID());
        assertTrue(m.getJMSMessageID().startsWith("ID:"));
        Message r = consumer.receive(5000);
        assertEquals(m.getJMSMessageID(), r.getJMSMessageID());
        assertEquals("corr-1", r.getJMSCorrelationID());
        assertEquals("order.created", r.getJMSType());
        assertEquals(replies, r.getJMSReplyTo());
        assertEquals(queue, r.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, r.getJMSDeliveryMode());
        assertEquals(8, r.getJMSPriority());
        assertFalse(r.getJMSRedelivered());
        assertEquals(1, r.getIntProperty("JMSXDeliveryCount"));
        assertEquals(m.getJMSTimestamp(), r.getJMSTimestamp());
        assertEquals(m.getJMSExpiration(), r.getJMSExpiration());
        assertTrue(r.getJMSExpiration() > System.currentTimeMillis() + 50_000);
    }

    @Test
    void everyPropertyTypeKeepsItsType() throws Exception {
        Message m = session.createMessage();
        m.setBooleanProperty("bool", true);
        m.setByteProperty("byte", (byte) -3);
        m.setShortProperty("short", (short) 300);
        m.setIntProperty("int", 70_000);
        m.setLongProperty("long", 1L << 40);
        m.setFloatProperty("float", 1.25f);
        m.setDoubleProperty("double", 2.5);
        m.setStringProperty("string", "text");
        m.setStringProperty("JMSXGroupID", "g1");
        Message r = roundTrip(m, Message.class);
        assertEquals(Boolean.TRUE, r.getObjectProperty("bool"));
        assertEquals((byte) -3, r.getObjectProperty("byte"));
        assertEquals((short) 300, r.getObjectProperty("short"));
        assertEquals(70_000, r.getObjectProperty("int"));
        assertEquals(1L << 40, r.getObjectProperty("long"));
        assertEquals(1.25f, r.getObjectProperty("float"));
        assertEquals(2.5, r.getObjectProperty("double"));
        assertEquals("text", r.getObjectProperty("string"));
        assertEquals("g1", r.getStringProperty("JMSXGroupID"));
        assertEquals(70_000L, r.getLongProperty("int"));
        assertEquals("300", r.getStringProperty("short"));
        assertThrows(MessageNotWriteableException.class, () -> r.setIntProperty("x", 1));
    }

    @Test
    void disabledIdsAndTimestamps() throws Exception {
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        Message r = roundTrip(session.createTextMessage("x"), TextMessage.class);
        assertNull(r.getJMSMessageID());
        assertEquals(0, r.getJMSTimestamp());
    }

    @Test
    void expiredMessagesAreNotDelivered() throws Exception {
        producer.send(session.createTextMessage("short-lived"), DeliveryMode.NON_PERSISTENT, 4, 200);
        producer.send(session.createTextMessage("long-lived"));
        Thread.sleep(500);
        TextMessage r = (TextMessage) consumer.receive(5000);
        assertEquals("long-lived", r.getText());
    }
}
