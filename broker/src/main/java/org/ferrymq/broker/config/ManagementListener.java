package org.ferrymq.broker.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the admin console (the management HTTP API and web UI) listens when the server starts
 * it: RabbitMQ's {@code management.tcp.*} keys, or {@code management.ssl.*} for HTTPS with PEM
 * files in the style of the AMQPS listener. The broker itself does not serve HTTP; the
 * {@code ferrymq} server (or an embedder) starts the console from this.
 *
 * @param host        address to bind (loopback by default)
 * @param port        port (15672 by default, 15671 for HTTPS); 0 picks a free one
 * @param certFile    PEM certificate chain for HTTPS, or null for plain HTTP
 * @param keyFile     PEM private key (PKCS#8 or PKCS#1, unencrypted) for HTTPS, or null
 */
public record ManagementListener(String host, int port, Path certFile, Path keyFile) {
    public static final int DEFAULT_PORT = 15672;
    public static final int DEFAULT_TLS_PORT = 15671;

    public ManagementListener {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management port out of range: " + port);
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("HTTPS for the management console needs both a certificate and a key file");
        }
    }

    /** Plain HTTP on loopback, port 15672. */
    public static ManagementListener loopbackDefault() {
        return new ManagementListener("127.0.0.1", DEFAULT_PORT, null, null);
    }

    public boolean tls() {
        return certFile != null;
    }

    public ManagementListener withPort(int newPort) {
        return new ManagementListener(host, newPort, certFile, keyFile);
    }
}
