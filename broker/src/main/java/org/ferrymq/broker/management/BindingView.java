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

    /**
     * RabbitMQ's properties key, which names a binding in URLs: "~" for an empty key without
     * arguments, else the routing key quoted as a URL query value ({@code orders.#} is
     * {@code orders.%23}), followed by "~" and a hash of the arguments if there are any.
     */
    public String propertiesKey() {
        if (routingKey.isEmpty() && arguments.isEmpty()) {
            return "~";
        }
        String key = java.net.URLEncoder.encode(routingKey, java.nio.charset.StandardCharsets.UTF_8)
                .replace("*", "%2A").replace("~", "%7E");
        return arguments.isEmpty() ? key : key + "~" + Integer.toUnsignedString(new java.util.TreeMap<>(arguments)
                .toString().hashCode(), 36);
    }
}
