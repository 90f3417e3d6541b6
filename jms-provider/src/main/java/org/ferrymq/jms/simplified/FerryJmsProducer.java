package org.ferrymq.jms.simplified;

import static org.ferrymq.jms.JmsExceptions.unchecked;

import java.io.Serializable;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;

import org.ferrymq.jms.message.FerryMessage;

/**
 * A JMSProducer: fluent settings and message properties applied to each message it sends,
 * through an anonymous classic producer of the context's session. Public so that a wrapper
 * with a JMSContext of its own (the resource adapter's pooled context) sends by the same rules.
 *
 * <p>Threading: one application thread at a time, as its context.
 */
public final class FerryJmsProducer implements JMSProducer {
    private final JMSContext context;
    private final MessageProducer producer;
    /** Holds the properties (with the JMS type rules) and the header values to stamp. */
    private final FerryMessage template = new FerryMessage();
    private CompletionListener async;

    /**
     * @param context  creates the messages of the {@code send(destination, body)} forms
     * @param producer an anonymous producer ({@code createProducer(null)}) that keeps the delivery
     *                 settings and sends
     */
    public FerryJmsProducer(JMSContext context, MessageProducer producer) {
        this.context = context;
        this.producer = producer;
    }

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) {
            throw new MessageFormatRuntimeException("cannot send a null message");
        }
        unchecked(() -> {
            for (Enumeration<String> names = template.getPropertyNames(); names.hasMoreElements(); ) {
                String name = names.nextElement();
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
                producer.send(destination, message, async);
            } else {
                producer.send(destination, message);
            }
            return null;
        });
        return this;
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        return send(destination, context.createTextMessage(body));
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage m = context.createMapMessage();
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
        BytesMessage m = context.createBytesMessage();
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
        return send(destination, context.createObjectMessage(body));
    }

    @FunctionalInterface
    private interface Setting {
        void apply() throws JMSException;
    }

    private JMSProducer set(Setting setting) {
        unchecked(() -> {
            setting.apply();
            return null;
        });
        return this;
    }

    @Override public JMSProducer setDisableMessageID(boolean value) { return set(() -> producer.setDisableMessageID(value)); }
    @Override public boolean getDisableMessageID() { return unchecked(producer::getDisableMessageID); }
    @Override public JMSProducer setDisableMessageTimestamp(boolean value) { return set(() -> producer.setDisableMessageTimestamp(value)); }
    @Override public boolean getDisableMessageTimestamp() { return unchecked(producer::getDisableMessageTimestamp); }
    @Override public JMSProducer setDeliveryMode(int mode) { return set(() -> producer.setDeliveryMode(mode)); }
    @Override public int getDeliveryMode() { return unchecked(producer::getDeliveryMode); }
    @Override public JMSProducer setPriority(int priority) { return set(() -> producer.setPriority(priority)); }
    @Override public int getPriority() { return unchecked(producer::getPriority); }
    @Override public JMSProducer setTimeToLive(long ttl) { return set(() -> producer.setTimeToLive(ttl)); }
    @Override public long getTimeToLive() { return unchecked(producer::getTimeToLive); }
    @Override public JMSProducer setDeliveryDelay(long delay) { return set(() -> producer.setDeliveryDelay(delay)); }
    @Override public long getDeliveryDelay() { return unchecked(producer::getDeliveryDelay); }

    @Override
    public JMSProducer setAsync(CompletionListener listener) {
        this.async = listener;
        return this;
    }

    @Override public CompletionListener getAsync() { return async; }

    @Override public JMSProducer setProperty(String name, boolean value) { return set(() -> template.setBooleanProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, byte value) { return set(() -> template.setByteProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, short value) { return set(() -> template.setShortProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, int value) { return set(() -> template.setIntProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, long value) { return set(() -> template.setLongProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, float value) { return set(() -> template.setFloatProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, double value) { return set(() -> template.setDoubleProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, String value) { return set(() -> template.setStringProperty(name, value)); }
    @Override public JMSProducer setProperty(String name, Object value) { return set(() -> template.setObjectProperty(name, value)); }

    @Override
    public JMSProducer clearProperties() {
        template.clearProperties();
        return this;
    }

    @Override public boolean propertyExists(String name) { return template.propertyExists(name); }
    @Override public boolean getBooleanProperty(String name) { return unchecked(() -> template.getBooleanProperty(name)); }
    @Override public byte getByteProperty(String name) { return unchecked(() -> template.getByteProperty(name)); }
    @Override public short getShortProperty(String name) { return unchecked(() -> template.getShortProperty(name)); }
    @Override public int getIntProperty(String name) { return unchecked(() -> template.getIntProperty(name)); }
    @Override public long getLongProperty(String name) { return unchecked(() -> template.getLongProperty(name)); }
    @Override public float getFloatProperty(String name) { return unchecked(() -> template.getFloatProperty(name)); }
    @Override public double getDoubleProperty(String name) { return unchecked(() -> template.getDoubleProperty(name)); }
    @Override public String getStringProperty(String name) { return unchecked(() -> template.getStringProperty(name)); }
    @Override public Object getObjectProperty(String name) { return template.getObjectProperty(name); }

    @Override
    public Set<String> getPropertyNames() {
        Set<String> names = new HashSet<>();
        for (Enumeration<String> e = template.getPropertyNames(); e.hasMoreElements(); ) {
            names.add(e.nextElement());
        }
        return names;
    }

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        template.setJMSCorrelationIDAsBytes(correlationID);
        return this;
    }

    @Override public byte[] getJMSCorrelationIDAsBytes() { return template.getJMSCorrelationIDAsBytes(); }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        template.setJMSCorrelationID(correlationID);
        return this;
    }

    @Override public String getJMSCorrelationID() { return template.getJMSCorrelationID(); }

    @Override
    public JMSProducer setJMSType(String type) {
        template.setJMSType(type);
        return this;
    }

    @Override public String getJMSType() { return template.getJMSType(); }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        template.setJMSReplyTo(replyTo);
        return this;
    }

    @Override public Destination getJMSReplyTo() { return template.getJMSReplyTo(); }
}
