package org.ferrymq.broker.management;

import java.util.Map;

/**
 * One client connection as management sees it. {@code name} is RabbitMQ's
 * {@code "peerHost:peerPort -> host:port"} and identifies the connection for closing it.
 * {@code traffic} counts the octets through its socket (all 0 for an in-process {@code vm://}
 * connection, which has none). {@code tlsSession} is the TLS of an AMQPS connection, {@code null}
 * for a plain TCP or an in-process one. {@code authMechanism} is the SASL mechanism the client
 * logged in with ({@code PLAIN} or {@code AMQPLAIN}).
 */
public record ConnectionView(String name, String vhost, String user, String authMechanism, String peerHost, int peerPort, String host,
                             int port, TlsSessionView tlsSession, String protocol, String state, long connectedAtMillis,
                             int channels, int channelMax, int frameMax, int heartbeatSeconds,
                             Map<String, Object> clientProperties, MessageCounters counters,
                             TrafficCounters traffic) {
    public ConnectionView {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Whether the connection came over TLS (RabbitMQ's {@code ssl}). */
    public boolean tls() {
        return tlsSession != null;
    }
}
