package org.ferrymq.broker.amqp.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** The server-properties table of connection.start: who we are and the capabilities clients switch on. */
final class ServerProperties {
    static final String PRODUCT = "FerryMQ";
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
        props.put("information", "FerryMQ: an AMQP 0-9-1 broker and Jakarta Messaging provider in Java");
        props.put("platform", "Java " + Runtime.version().feature());
        props.put("product", PRODUCT);
        props.put("version", VERSION);
        return props;
    }

    private static String versionOrDefault() {
        String v = ServerProperties.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
