package org.ferrymq.broker.model;

import java.util.Map;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.selector.SelectableHeaders;
import org.ferrymq.selector.Selector;
import org.ferrymq.selector.SelectorContext;
import org.ferrymq.selector.SelectorSyntaxException;
import org.ferrymq.broker.errors.AmqpException;

/**
 * JMS message selectors evaluated in the broker (a consumer's {@code x-selector} argument, and a
 * binding's, see {@code SelectedDestination}), over
 * AMQP messages mapped the way the FerryMQ JMS provider maps them: JMS headers from the basic
 * properties, JMS properties from the headers table (except the provider's own {@code x-jms-*}).
 */
public final class MessageSelection {
    /** The basic.consume argument that carries a selector. */
    public static final String SELECTOR_ARGUMENT = "x-selector";

    private MessageSelection() {
    }

    /** The selector in a consume's arguments, or null; PRECONDITION_FAILED if it does not parse. */
    public static Selector fromArguments(Map<String, Object> arguments) {
        Object value = arguments == null ? null : arguments.get(SELECTOR_ARGUMENT);
        if (value == null) {
            return null;
        }
        String text = value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : value.toString();
        try {
            Selector selector = Selector.parse(text);
            return selector.isMatchAll() ? null : selector;
        } catch (SelectorSyntaxException e) {
            throw AmqpException.preconditionFailed("invalid selector: " + e.getMessage());
        }
    }

    public static boolean matches(Selector selector, Message message) {
        return selector == null || selector.matches(new MessageContext(message));
    }

    /** The message as selectors see it, for routing through bindings with a selector. */
    public static SelectorContext contextOf(Message message) {
        return new MessageContext(message);
    }

    /**
     * One message seen through JMS names, exactly as the provider's {@code WireMapping.fromWire}
     * rebuilds it for the client-side evaluator, so a selector means the same on either side.
     */
    private record MessageContext(Message message) implements SelectorContext {
        /** The provider's exact JMSTimestamp (ms); the AMQP timestamp only has seconds. */
        static final String TIMESTAMP_HEADER = "x-jms-timestamp";
        /** The provider's own headers, never JMS properties. */
        static final String PROVIDER_PREFIX = "x-jms-";

        @Override
        public Object property(String name) {
            AmqpBasicProperties p = message.properties();
            switch (name) {
                case SelectableHeaders.JMS_DELIVERY_MODE:
                    return SelectableHeaders.deliveryMode(p.persistent());
                case SelectableHeaders.JMS_PRIORITY:
                    Integer priority = p.priority();
                    return priority == null || priority < 0 || priority > 9 ? 4 : priority;
                case SelectableHeaders.JMS_MESSAGE_ID:
                    return p.messageId();
                case SelectableHeaders.JMS_TIMESTAMP:
                    if (message.headers().get(TIMESTAMP_HEADER) instanceof Long exact) {
                        return exact;
                    }
                    return p.timestamp() == null ? 0L : p.timestamp() * 1000L;
                case SelectableHeaders.JMS_CORRELATION_ID:
                    return p.correlationId();
                case SelectableHeaders.JMS_TYPE:
                    return p.type();
                default:
                    if (name.startsWith(PROVIDER_PREFIX)) {
                        return null;
                    }
                    Object value = message.headers().get(name);
                    return isPropertyType(value) ? value : null;
            }
        }

        /** The JMS property types; other AMQP field values (tables, arrays, bytes, decimals) are no properties. */
        private static boolean isPropertyType(Object v) {
            return v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean
                    || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte;
        }
    }
}
