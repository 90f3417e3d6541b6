package org.ferrymq.broker.amqp.server;

import java.util.Map;

/**
 * Whether a client stops publishing when the broker sends it {@code channel.flow(active=false)}.
 *
 * <p>AMQP 0-9-1 says every peer must honour channel.flow, but RabbitMQ has not sent it since 2.8,
 * and clients drifted: pika only logs a warning and keeps publishing. So the broker asks only
 * clients known to hold their publishes: the RabbitMQ Java client (its channels hold every
 * content-bearing method while the broker's flow is off, and answer flow-ok), which PerfTest and
 * FerryMQ's own JMS provider use, and any client that announces the capability
 * {@code ferrymq.channel_flow} in its client properties. For the others TCP back-pressure alone
 * paces publishers, as before.
 */
final class ClientHoldsOnChannelFlow {
    static final String CAPABILITY = "ferrymq.channel_flow";

    private ClientHoldsOnChannelFlow() {
    }

    static boolean of(Map<String, Object> clientProperties) {
        if (clientProperties.get("capabilities") instanceof Map<?, ?> capabilities
                && capabilities.get(CAPABILITY) instanceof Boolean announced) {
            return announced;
        }
        return "RabbitMQ".equals(text(clientProperties.get("product")))
                && "Java".equals(text(clientProperties.get("platform")));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }
}
