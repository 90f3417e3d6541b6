package org.ferrymq.broker.amqp.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server-properties table of connection.start: who we are and the capabilities clients switch on.
 * {@code version} is the RabbitMQ release whose behaviour FerryMQ follows ({@value #RABBITMQ_COMPATIBLE_VERSION}):
 * RabbitMQ client libraries and tools parse it as major.minor.patch and switch features on by it, so
 * it must look like RabbitMQ's. FerryMQ's own version is in {@code product_version} and {@code information}.
 */
final class ServerProperties {
    static final String PRODUCT = "FerryMQ";
    /** The RabbitMQ release FerryMQ is checked against (the peer of its tests). */
    static final String RABBITMQ_COMPATIBLE_VERSION = "3.10.8";
    static final String VERSION = versionOrDefault();

    private ServerProperties() {
    }

    static Map<String, Object> table() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (String capability : new String[] {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                "consumer_cancel_notify", "connection.blocked", "authentication_failure_close", "per_consumer_qos",
                "ferrymq.xa"}) {
            capabilities.put(capability, Boolean.TRUE);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("capabilities", capabilities);
        props.put("cluster_name", "ferrymq");
        props.put("copyright", "Copyright (c) the FerryMQ authors");
        props.put("information", "FerryMQ " + VERSION + " (RabbitMQ " + RABBITMQ_COMPATIBLE_VERSION
                + " compatible): an AMQP 0-9-1 broker and Jakarta Messaging provider in Java");
        props.put("platform", "Java " + Runtime.version().feature());
        props.put("product", PRODUCT);
        props.put("product_version", VERSION);
        props.put("version", RABBITMQ_COMPATIBLE_VERSION);
        return props;
    }

    private static String versionOrDefault() {
        String v = ServerProperties.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
