package org.ferrymq.jms.message;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

/**
 * A JMS message with no body, and the header and property handling every message type shares.
 * Header fields are plain fields; user properties keep their Java type so they travel as typed
 * AMQP table values. Subclasses add a body and say how it is encoded on the wire.
 *
 * <p>Threading: like any JMS message, not thread-safe; one thread uses it at a time.
 */
public class FerryMessage implements Message {
    /** The property the provider sets to the number of delivery attempts. */
    public static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private String messageId;
    private long timestamp;
    private String correlationId;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private boolean propertiesReadOnly;
    private Acknowledger acknowledger;

    /** What {@link #acknowledge()} calls: the consuming session. */
    @FunctionalInterface
    public interface Acknowledger {
        void acknowledge() throws JMSException;
    }

    /** The {@code x-jms-body} wire tag of this message type. */
    public BodyType bodyType() {
        return BodyType.MESSAGE;
    }

    /** The body as bytes for the wire. */
    public byte[] encodeBody() throws JMSException {
        return new byte[0];
    }

    /** Replaces the body with one read from the wire and leaves it read-only. */
    public void decodeBody(byte[] body) throws JMSException {
        // no body
    }

    /** After receipt: body and properties become read-only until cleared. */
    public void markReceived(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
        this.propertiesReadOnly = true;
        makeBodyReadOnly();
    }

    protected void makeBodyReadOnly() {
    }

    // ---- headers ----

    @Override public String getJMSMessageID() { return messageId; }
    @Override public void setJMSMessageID(String id) { this.messageId = id; }
    @Override public long getJMSTimestamp() { return timestamp; }
    @Override public void setJMSTimestamp(long timestamp) { this.timestamp = timestamp; }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bytes map one to one onto chars (ISO-8859-1), so any byte[] survives the round trip. */
    @Override
    public void setJMSCorrelationIDAsBytes(byte[] id) {
        this.correlationId = id == null ? null : new String(id, StandardCharsets.ISO_8859_1);
    }

    @Override public void setJMSCorrelationID(String id) { this.correlationId = id; }
    @Override public String getJMSCorrelationID() { return correlationId; }
    @Override public Destination getJMSReplyTo() { return replyTo; }
    @Override public void setJMSReplyTo(Destination replyTo) { this.replyTo = replyTo; }
    @Override public Destination getJMSDestination() { return destination; }
    @Override public void setJMSDestination(Destination destination) { this.destination = destination; }
    @Override public int getJMSDeliveryMode() { return deliveryMode; }

    @Override
    public void setJMSDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("invalid delivery mode " + mode);
        }
        this.deliveryMode = mode;
    }

    @Override public boolean getJMSRedelivered() { return redelivered; }
    @Override public void setJMSRedelivered(boolean redelivered) { this.redelivered = redelivered; }
    @Override public String getJMSType() { return type; }
    @Override public void setJMSType(String type) { this.type = type; }
    @Override public long getJMSExpiration() { return expiration; }
    @Override public void setJMSExpiration(long expiration) { this.expiration = expiration; }
    @Override public long getJMSDeliveryTime() { return deliveryTime; }
    @Override public void setJMSDeliveryTime(long deliveryTime) { this.deliveryTime = deliveryTime; }
    @Override public int getJMSPriority() { return priority; }

    @Override
    public void setJMSPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9) {
            throw new JMSException("priority must be 0..9, was " + priority);
        }
        this.priority = priority;
    }

    // ---- properties ----

    @Override
    public void clearProperties() {
        properties.clear();
        propertiesReadOnly = false;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.containsKey(name);
    }

    @Override public boolean getBooleanProperty(String name) throws JMSException { return TypeConversions.toBoolean(properties.get(name)); }
    @Override public byte getByteProperty(String name) throws JMSException { return TypeConversions.toByte(properties.get(name)); }
    @Override public short getShortProperty(String name) throws JMSException { return TypeConversions.toShort(properties.get(name)); }
    @Override public int getIntProperty(String name) throws JMSException { return TypeConversions.toInt(properties.get(name)); }
    @Override public long getLongProperty(String name) throws JMSException { return TypeConversions.toLong(properties.get(name)); }
    @Override public float getFloatProperty(String name) throws JMSException { return TypeConversions.toFloat(properties.get(name)); }
    @Override public double getDoubleProperty(String name) throws JMSException { return TypeConversions.toDouble(properties.get(name)); }
    @Override public String getStringProperty(String name) throws JMSException { return TypeConversions.toStringValue(properties.get(name)); }
    @Override public Object getObjectProperty(String name) { return properties.get(name); }

    @Override
    public Enumeration<String> getPropertyNames() {
        return Collections.enumeration(new java.util.ArrayList<>(properties.keySet()));
    }

    @Override public void setBooleanProperty(String name, boolean value) throws JMSException { putProperty(name, value); }
    @Override public void setByteProperty(String name, byte value) throws JMSException { putProperty(name, value); }
    @Override public void setShortProperty(String name, short value) throws JMSException { putProperty(name, value); }
    @Override public void setIntProperty(String name, int value) throws JMSException { putProperty(name, value); }
    @Override public void setLongProperty(String name, long value) throws JMSException { putProperty(name, value); }
    @Override public void setFloatProperty(String name, float value) throws JMSException { putProperty(name, value); }
    @Override public void setDoubleProperty(String name, double value) throws JMSException { putProperty(name, value); }
    @Override public void setStringProperty(String name, String value) throws JMSException { putProperty(name, value); }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        if (value != null && !TypeConversions.isPropertyType(value)) {
            throw new MessageFormatException("a property cannot hold a " + value.getClass().getName());
        }
        putProperty(name, value);
    }

    private void putProperty(String name, Object value) throws JMSException {
        PropertyNames.check(name);
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException("the properties of a received message are read-only");
        }
        properties.put(name, value);
    }

    /** The typed user properties, live; the wire mapping reads and fills them. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Sets a property the provider owns (JMSXDeliveryCount) even on a read-only message. */
    public void setProviderProperty(String name, Object value) {
        properties.put(name, value);
    }

    // ---- acknowledgement and body ----

    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    @Override
    public void clearBody() throws JMSException {
        // no body
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        return null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return true;
    }

    protected static MessageNotWriteableException readOnlyBody() {
        return new MessageNotWriteableException("the body of a received message is read-only; call clearBody() first");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + messageId + ", destination=" + destination + ", properties=" + properties + "]";
    }
}
