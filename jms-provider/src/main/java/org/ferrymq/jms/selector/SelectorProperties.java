package org.ferrymq.jms.selector;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * The values a selector sees by identifier (spec section 3.8.1.1): the header fields JMSDeliveryMode
 * (as 'PERSISTENT' / 'NON_PERSISTENT'), JMSPriority, JMSMessageID, JMSTimestamp, JMSCorrelationID,
 * JMSType, and every message property.
 */
public final class SelectorProperties {
    private SelectorProperties() {
    }

    public static Object lookup(Message message, String name) {
        try {
            return switch (name) {
                case "JMSDeliveryMode" -> message.getJMSDeliveryMode() == DeliveryMode.PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT";
                case "JMSPriority" -> message.getJMSPriority();
                case "JMSMessageID" -> message.getJMSMessageID();
                case "JMSTimestamp" -> message.getJMSTimestamp();
                case "JMSCorrelationID" -> message.getJMSCorrelationID();
                case "JMSType" -> message.getJMSType();
                default -> message.getObjectProperty(name);
            };
        } catch (JMSException e) {
            return null;
        }
    }
}
