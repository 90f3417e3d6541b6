package org.ferrymq.broker.model;

import java.util.Map;

import org.ferrymq.broker.amqp.codec.AmqpBasicProperties;
import org.ferrymq.selector.Selector;
import org.ferrymq.selector.SelectorContext;
import org.ferrymq.selector.SelectorSyntaxException;
import org.ferrymq.broker.errors.AmqpException;

/**
 * JMS message selectors evaluated in the broker (a consumer's {@code x-selector} argument), over
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

    /** One message seen through JMS names. */
    private record MessageContext(Message message) implements SelectorContext {
        @Override
        public Object property(String name) {
            AmqpBasicProperties p = message.properties();
            switch (name) {
                case "JMSDeliveryMode":
                    return p.persistent() ? "PERSISTENT" : "NON_PERSISTENT";
                case "JMSPriority":
                    return p.priority() == null ? 4 : p.priority();
                case "JMSMessageID":
                    return p.messageId();
                case "JMSTimestamp":
                    return p.timestamp() == null ? null : p.timestamp() * 1000;
                case "JMSCorrelationID":
                    return p.correlationId();
                case "JMSType":
                    return p.type();
                default:
                    if (name.startsWith("x-jms-")) {
                        return null;
                    }
                    Object value = message.headers().get(name);
                    return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value;
            }
        }
    }
}
