package org.ferrymq.broker.management;

import java.util.Map;

/**
 * A binding from an exchange to a queue or exchange ({@code destinationType} "queue" or
 * "exchange"). The default exchange's implicit bindings (one per queue, source {@code ""})
 * are listed too, as RabbitMQ does.
 */
public record BindingView(String vhost, String source, String destination, String destinationType, String routingKey,
                          Map<String, Object> arguments) {
    public BindingView {
        arguments = Map.copyOf(arguments);
    }

    /** RabbitMQ's properties key: "~" for an empty key without arguments, else the key (plus a hash of the arguments). */
    public String propertiesKey() {
        String key = routingKey.isEmpty() ? "~" : routingKey.replace("%", "%25").replace("~", "%7E");
        return arguments.isEmpty() ? key : key + "~" + Integer.toUnsignedString(arguments.hashCode(), 36);
    }
}
