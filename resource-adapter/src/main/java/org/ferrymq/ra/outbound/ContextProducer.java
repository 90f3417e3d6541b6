package org.ferrymq.ra.outbound;

import static org.ferrymq.jms.JmsExceptions.unchecked;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;

/**
 * The JMSProducer of a {@link ContextHandle}: fluent settings, and message properties kept on a
 * template message of the provider (so the JMS property type rules apply), copied onto each
 * message sent through the session handle's producer.
 *
 * <p>Threading: one application thread at a time.
 */
final class ContextProducer implements JMSProducer {
    private final SessionHandle session;
    private final Message template;
    private final ProducerHandle producer;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private CompletionListener async;

    ContextProducer(SessionHandle session, Message template) {
        this.session = session;
        this.template = template;
        this.producer = new ProducerHandle(session, null);
    }

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("cannot send a null message");
        }
        unchecked(() -> {
            for (String name : names()) {
                message.setObjectProperty(name, template.getObjectProperty(name));
            }
            if (template.getJMSCorrelationID() != null) {
                message.setJMSCorrelationID(template.getJMSCorrelationID());
            }
            if (template.getJMSType() != null) {
                message.setJMSType(template.getJMSType());
            }
            if (template.getJMSReplyTo() != null) {
                message.setJMSReplyTo(template.getJMSReplyTo());
            }
            if (async != null) {
                producer.send(destination, message, deliveryMode, priority, timeToLive, async);
            } else {
                producer.send(destination, message, deliveryMode, priority, timeToLive);
            }
            return null;
        });
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, unchecked(() -> session.createTextMessage(body)));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage m = unchecked(session::createMapMessage);
        if (body != null) {
            unchecked(() -> {
                for (Map.Entry<String, Object> e : body.entrySet()) {
                    m.setObject(e.getKey(), e.getValue());
                }
                return null;
            });
        }
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage m = unchecked(session::createBytesMessage);
        if (body != null) {
            unchecked(() -> {
                m.writeBytes(body);
                return null;
            });
        }
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        return send(destination, unchecked(() -> session.createObjectMessage(body)));
    }

    @Override public JMSProducer setDisableMessageID(boolean v) { unchecked(() -> { producer.setDisableMessageID(v); return null; }); return this; }
    @Override public boolean getDisableMessageID() { return unchecked(producer::getDisableMessageID); }
    @Override public JMSProducer setDisableMessageTimestamp(boolean v) { unchecked(() -> { producer.setDisableMessageTimestamp(v); return null; }); return this; }
    @Override public boolean getDisableMessageTimestamp() { return unchecked(producer::getDisableMessageTimestamp); }

    @Override
    public JMSProducer setDeliveryMode(int mode) {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new jakarta.jms.JMSRuntimeException("invalid delivery mode " + mode);
        }
        deliveryMode = mode;
        return this;
    }

    @Override public int getDeliveryMode() { return deliveryMode; }

    @Override
    public JMSProducer setPriority(int p) {
        if (p < 0 || p > 9) {
            throw new jakarta.jms.JMSRuntimeException("priority must be 0..9, was " + p);
        }
        priority = p;
        return this;
    }

    @Override public int getPriority() { return priority; }
    @Override public JMSProducer setTimeToLive(long ttl) { timeToLive = ttl; return this; }
    @Override public long getTimeToLive() { return timeToLive; }
    @Override public JMSProducer setDeliveryDelay(long delay) { unchecked(() -> { producer.setDeliveryDelay(delay); return null; }); return this; }
    @Override public long getDeliveryDelay() { return unchecked(producer::getDeliveryDelay); }
    @Override public JMSProducer setAsync(CompletionListener listener) { async = listener; return this; }
    @Override public CompletionListener getAsync() { return async; }

    private JMSProducer property(String name, Object value) {
        unchecked(() -> {
            template.setObjectProperty(name, value);
            return null;
        });
        return this;
    }

    @Override public JMSProducer setProperty(String name, boolean v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, byte v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, short v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, int v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, long v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, float v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, double v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, String v) { return property(name, v); }
    @Override public JMSProducer setProperty(String name, Object v) { return property(name, v); }
    @Override public JMSProducer clearProperties() { unchecked(() -> { template.clearProperties(); return null; }); return this; }
    @Override public boolean propertyExists(String name) { return unchecked(() -> template.propertyExists(name)); }
    @Override public boolean getBooleanProperty(String name) { return unchecked(() -> template.getBooleanProperty(name)); }
    @Override public byte getByteProperty(String name) { return unchecked(() -> template.getByteProperty(name)); }
    @Override public short getShortProperty(String name) { return unchecked(() -> template.getShortProperty(name)); }
    @Override public int getIntProperty(String name) { return unchecked(() -> template.getIntProperty(name)); }
    @Override public long getLongProperty(String name) { return unchecked(() -> template.getLongProperty(name)); }
    @Override public float getFloatProperty(String name) { return unchecked(() -> template.getFloatProperty(name)); }
    @Override public double getDoubleProperty(String name) { return unchecked(() -> template.getDoubleProperty(name)); }
    @Override public String getStringProperty(String name) { return unchecked(() -> template.getStringProperty(name)); }
    @Override public Object getObjectProperty(String name) { return unchecked(() -> template.getObjectProperty(name)); }
    @Override public Set<String> getPropertyNames() { return Collections.unmodifiableSet(names()); }

    private Set<String> names() {
        Set<String> names = new HashSet<>();
        unchecked(() -> {
            for (var e = template.getPropertyNames(); e.hasMoreElements(); ) {
                names.add((String) e.nextElement());
            }
            return null;
        });
        return names;
    }

    @Override public JMSProducer setJMSCorrelationIDAsBytes(byte[] id) { unchecked(() -> { template.setJMSCorrelationIDAsBytes(id); return null; }); return this; }
    @Override public byte[] getJMSCorrelationIDAsBytes() { return unchecked(template::getJMSCorrelationIDAsBytes); }
    @Override public JMSProducer setJMSCorrelationID(String id) { unchecked(() -> { template.setJMSCorrelationID(id); return null; }); return this; }
    @Override public String getJMSCorrelationID() { return unchecked(template::getJMSCorrelationID); }
    @Override public JMSProducer setJMSType(String type) { unchecked(() -> { template.setJMSType(type); return null; }); return this; }
    @Override public String getJMSType() { return unchecked(template::getJMSType); }
    @Override public JMSProducer setJMSReplyTo(Destination d) { unchecked(() -> { template.setJMSReplyTo(d); return null; }); return this; }
    @Override public Destination getJMSReplyTo() { return unchecked(template::getJMSReplyTo); }
}
