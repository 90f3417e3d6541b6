package org.ferrymq.jms.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.ferrymq.jms.destination.Destinations;
import org.ferrymq.jms.provider.WireDelivery;
import org.ferrymq.jms.provider.WireMessage;
import org.junit.jupiter.api.Test;

/** JMS headers ↔ AMQP properties, properties ↔ typed headers, and type inference for foreign messages. */
class WireMappingTest {

    @Test
    void headersBecomeNativeAmqpProperties() throws Exception {
        FerryTextMessage m = new FerryTextMessage();
        m.setText("hello");
        m.setJMSMessageID("ID:abc");
        m.setJMSCorrelationID("corr");
        m.setJMSReplyTo(Destinations.queue("replies"));
        m.setJMSType("order");
        m.setJMSPriority(7);
        m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        m.setJMSTimestamp(1_700_000_000_000L);
        m.setIntProperty("count", 3);
        m.setStringProperty("who", "me");
        WireMessage w = WireMapping.toWire(m, 5000, false);
        assertEquals("ID:abc", w.messageId());
        assertEquals("corr", w.correlationId());
        assertEquals("replies", w.replyTo());
        assertEquals("order", w.type());
        assertEquals(7, w.priority());
        assertEquals(2, w.deliveryMode());
        assertEquals("5000", w.expiration());
        assertEquals(1_700_000_000_000L, w.timestampMillis());
        assertEquals("text/plain; charset=utf-8", w.contentType());
        assertEquals(Map.of("count", 3, "who", "me", "x-jms-body", "text", "x-jms-timestamp", 1_700_000_000_000L), w.headers());
        assertEquals("hello", new String(w.body(), StandardCharsets.UTF_8));
    }

    @Test
    void deliveryRebuildsTheSameMessage() throws Exception {
        FerryMapMessage m = new FerryMapMessage();
        m.setLong("n", 9L);
        m.setJMSReplyTo(Destinations.topic("logs3/a.b"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSTimestamp(1000);
        m.setBooleanProperty("flag", true);
        WireMessage w = WireMapping.toWire(m, 0, false);
        FerryMessage r = WireMapping.fromWire(new WireDelivery(1, true, "amq.topic", "a.b", w));
        assertInstanceOf(FerryMapMessage.class, r);
        assertEquals(9L, ((FerryMapMessage) r).getLong("n"));
        assertEquals(Destinations.topic("logs3/a.b"), r.getJMSReplyTo());
        assertEquals(Destinations.topic("a.b"), r.getJMSDestination());
        assertInstanceOf(Topic.class, r.getJMSDestination());
        assertEquals(DeliveryMode.NON_PERSISTENT, r.getJMSDeliveryMode());
        assertTrue(r.getJMSRedelivered());
        assertEquals(2, r.getIntProperty("JMSXDeliveryCount"));
        assertTrue(r.getBooleanProperty("flag"));
        assertEquals(0, r.getJMSExpiration());
        assertFalse(r.propertyExists("x-jms-body"));
    }

    @Test
    void nullTextTravelsAsAnEmptyBodyWithAMarker() throws Exception {
        WireMessage w = WireMapping.toWire(new FerryTextMessage(), 0, false);
        assertEquals(0, w.body().length);
        assertEquals(true, w.headers().get("x-jms-null-body"));
        FerryMessage r = WireMapping.fromWire(new WireDelivery(1, false, "", "q", w));
        assertNull(((TextMessage) r).getText());
        assertNull(r.getBody(String.class));
        assertFalse(r.propertyExists("x-jms-null-body"));
    }

    @Test
    void emptyTextStaysEmpty() throws Exception {
        FerryTextMessage m = new FerryTextMessage();
        m.setText("");
        WireMessage w = WireMapping.toWire(m, 0, false);
        assertFalse(w.headers().containsKey("x-jms-null-body"));
        assertEquals("", ((TextMessage) WireMapping.fromWire(new WireDelivery(1, false, "", "q", w))).getText());
    }

    @Test
    void theNullMarkerIsIgnoredOnANonEmptyBody() throws Exception {
        WireMessage w = foreign("text/plain", "text".getBytes(StandardCharsets.UTF_8), Map.of("x-jms-null-body", true));
        assertEquals("text", ((TextMessage) WireMapping.fromWire(new WireDelivery(1, false, "", "q", w))).getText());
    }

    private static WireMessage foreign(String contentType, byte[] body, Map<String, Object> headers) {
        return new WireMessage(contentType, null, headers, null, null, null, "amq.gen-x", "60000", null, 5000L, null, null, null, body);
    }

    @Test
    void pikaMessagesBecomeTextOrBytes() throws Exception {
        byte[] hello = "Hello World!".getBytes(StandardCharsets.UTF_8);
        FerryMessage plain = WireMapping.fromWire(new WireDelivery(1, false, "", "hello", foreign(null, hello, Map.of("k", "v", "x-death", List.of()))));
        assertInstanceOf(TextMessage.class, plain);
        assertEquals("Hello World!", ((TextMessage) plain).getText());
        assertEquals("v", plain.getStringProperty("k"));
        assertFalse(plain.propertyExists("x-death"));
        assertInstanceOf(Queue.class, plain.getJMSDestination());
        assertEquals(Destinations.queue("amq.gen-x"), plain.getJMSReplyTo());
        assertEquals(65000, plain.getJMSExpiration());
        assertEquals(DeliveryMode.NON_PERSISTENT, plain.getJMSDeliveryMode());
        assertEquals(4, plain.getJMSPriority());

        FerryMessage latin = WireMapping.fromWire(new WireDelivery(1, false, "", "q",
                foreign("text/plain; charset=ISO-8859-1", new byte[] {(byte) 0xe9}, Map.of())));
        assertEquals("é", ((TextMessage) latin).getText());

        FerryMessage binary = WireMapping.fromWire(new WireDelivery(1, false, "", "q", foreign(null, new byte[] {(byte) 0xff, 0}, Map.of())));
        assertInstanceOf(BytesMessage.class, binary);
        FerryMessage octets = WireMapping.fromWire(new WireDelivery(1, false, "", "q", foreign("application/octet-stream", hello, Map.of())));
        assertInstanceOf(BytesMessage.class, octets);
        assertEquals(12, ((BytesMessage) octets).getBodyLength());
        FerryMessage json = WireMapping.fromWire(new WireDelivery(1, false, "", "q", foreign("application/json", "{}".getBytes(), Map.of())));
        assertInstanceOf(TextMessage.class, json);
    }

    @Test
    void destinationNamingScheme() throws Exception {
        assertEquals("", Destinations.queue("orders").exchange());
        assertEquals("orders", Destinations.queue("orders").routingKey());
        assertEquals(10, Destinations.queue("orders?prefetch=10").prefetch());
        assertEquals("orders", Destinations.queue("orders?prefetch=10").getQueueName());
        assertEquals("amq.topic", Destinations.topic("weather.eu").exchange());
        assertEquals("logs3", Destinations.topic("logs3/europe.weather").exchange());
        assertEquals("europe.weather", Destinations.topic("logs3/europe.weather").routingKey());
        assertEquals("logs3/europe.weather", Destinations.topic("logs3/europe.weather").getTopicName());
        assertEquals("", Destinations.topic("logs/").routingKey());
        assertEquals("topic://logs/", Destinations.topic("logs/").address());
        assertEquals(Destinations.topic("logs/"), Destinations.fromAddress("topic://logs/"));
        assertNull(Destinations.fromAddress(null));
    }
}
