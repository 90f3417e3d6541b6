package org.ferrymq.broker.config;

import java.util.Objects;

/**
 * Where the admin console (the management HTTP API and web UI) listens when the server starts
 * it: RabbitMQ's {@code management.tcp.*} keys, or {@code management.ssl.*} for HTTPS with PEM
 * files, read exactly as the AMQPS listener's {@code ssl_options.*}. The broker itself does not
 * serve HTTP; the {@code ferrymq} server (or an embedder) starts the console from this.
 *
 * @param host  address to bind (loopback by default)
 * @param port  port (15672 by default, 15671 for HTTPS); 0 picks a free one
 * @param https the HTTPS settings (certificate, key, optional client-certificate check; the
 *              host and port of this record are the ones used), or null for plain HTTP
 */
public record ManagementListener(String host, int port, TlsListener https) {
    public static final int DEFAULT_PORT = 15672;
    public static final int DEFAULT_TLS_PORT = 15671;

    public ManagementListener {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management port out of range: " + port);
        }
    }

    /** Plain HTTP on loopback, port 15672. */
    public static ManagementListener loopbackDefault() {
        return new ManagementListener("127.0.0.1", DEFAULT_PORT, null);
    }

    public boolean tls() {
        return https != null;
    }

    public ManagementListener withPort(int newPort) {
        return new ManagementListener(host, newPort, https == null ? null : https.withPort(newPort));
    }
}
