package org.ferrymq.selector;

import java.util.Set;

/**
 * The message header fields a selector may reference (Jakarta Messaging 3.1, section 3.8.1.1) and the
 * values a {@link SelectorContext} must supply for them.
 *
 * <p>Any other identifier, including other {@code JMS*} names such as {@code JMSExpiration} or
 * {@code JMSDeliveryTime}, is passed to the context unchanged as a property name; a spec-conforming
 * context returns null for it.
 */
public final class SelectableHeaders {

    public static final String JMS_DELIVERY_MODE = "JMSDeliveryMode";
    public static final String JMS_PRIORITY = "JMSPriority";
    public static final String JMS_MESSAGE_ID = "JMSMessageID";
    public static final String JMS_TIMESTAMP = "JMSTimestamp";
    public static final String JMS_CORRELATION_ID = "JMSCorrelationID";
    public static final String JMS_TYPE = "JMSType";

    /** The value of {@code JMSDeliveryMode} for a persistent message, as selectors see it (spec 3.8.1.3). */
    public static final String PERSISTENT = "PERSISTENT";
    /** The value of {@code JMSDeliveryMode} for a non-persistent message, as selectors see it. */
    public static final String NON_PERSISTENT = "NON_PERSISTENT";

    /** All six header names a selector may reference. */
    public static final Set<String> NAMES = Set.of(
            JMS_DELIVERY_MODE, JMS_PRIORITY, JMS_MESSAGE_ID, JMS_TIMESTAMP, JMS_CORRELATION_ID, JMS_TYPE);

    private SelectableHeaders() {
    }

    /** True if {@code identifier} names one of the selectable header fields (case-sensitive). */
    public static boolean isHeader(String identifier) {
        return NAMES.contains(identifier);
    }

    /** The {@code JMSDeliveryMode} selector value for a message's persistence. */
    public static String deliveryMode(boolean persistent) {
        return persistent ? PERSISTENT : NON_PERSISTENT;
    }

    /** What the header's values are, so the parser can reject e.g. {@code JMSPriority = 'high'}. */
    static ValueType typeOf(String identifier) {
        return switch (identifier) {
            case JMS_PRIORITY, JMS_TIMESTAMP -> ValueType.NUMBER;
            case JMS_DELIVERY_MODE, JMS_MESSAGE_ID, JMS_CORRELATION_ID, JMS_TYPE -> ValueType.STRING;
            default -> ValueType.ANY;
        };
    }
}
