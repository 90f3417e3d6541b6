package org.ferrymq.jms.provider;

import java.util.Map;

/** Reads the capabilities table of a broker's connection.start server properties. Stateless. */
public final class ServerCapabilities {
    /** FerryMQ's XA extension ({@code tx.xa}). */
    public static final String XA = "ferrymq.xa";

    private ServerCapabilities() {
    }

    public static boolean has(Map<String, Object> serverProperties, String capability) {
        Object capabilities = serverProperties == null ? null : serverProperties.get("capabilities");
        return capabilities instanceof Map<?, ?> table && Boolean.TRUE.equals(table.get(capability));
    }
}
