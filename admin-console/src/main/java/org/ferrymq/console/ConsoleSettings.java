package org.ferrymq.console;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the console's HTTP server listens.
 *
 * @param host          address to bind (loopback by default)
 * @param port          port; 0 picks a free one
 * @param staticRoot    classpath directory the web UI's files are served from at {@code /}
 * @param maxBodyBytes  largest request body accepted (413 above it)
 * @param tlsCertChain  PEM certificate chain for HTTPS, or null for plain HTTP
 * @param tlsPrivateKey PEM private key (PKCS#8 or PKCS#1) matching the certificate, or null
 * @param tlsKeyPassword password of an encrypted key, or null
 */
public record ConsoleSettings(String host, int port, String staticRoot, long maxBodyBytes, Path tlsCertChain,
                              Path tlsPrivateKey, String tlsKeyPassword) {
    public static final int DEFAULT_PORT = 15672;
    public static final String DEFAULT_STATIC_ROOT = "/console";

    public ConsoleSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management port must be 0-65535, not " + port);
        }
        if ((tlsCertChain == null) != (tlsPrivateKey == null)) {
            throw new IllegalArgumentException("HTTPS needs both a certificate chain and a private key (PEM)");
        }
    }

    /** Loopback, the given port, the bundled UI, 16 MB bodies (a large definitions file), plain HTTP. */
    public static ConsoleSettings loopback(int port) {
        return new ConsoleSettings("127.0.0.1", port, DEFAULT_STATIC_ROOT, 16L << 20, null, null, null);
    }

    /** The console as the broker's config file describes it ({@code management.tcp.*} / {@code management.ssl.*}). */
    public static ConsoleSettings of(org.ferrymq.broker.config.ManagementListener listener) {
        ConsoleSettings plain = loopback(listener.port()).withHost(listener.host());
        return listener.tls() ? plain.withTls(listener.certFile(), listener.keyFile(), null) : plain;
    }

    public ConsoleSettings withHost(String newHost) {
        return new ConsoleSettings(newHost, port, staticRoot, maxBodyBytes, tlsCertChain, tlsPrivateKey, tlsKeyPassword);
    }

    public ConsoleSettings withStaticRoot(String root) {
        return new ConsoleSettings(host, port, root, maxBodyBytes, tlsCertChain, tlsPrivateKey, tlsKeyPassword);
    }

    public ConsoleSettings withMaxBodyBytes(long max) {
        return new ConsoleSettings(host, port, staticRoot, max, tlsCertChain, tlsPrivateKey, tlsKeyPassword);
    }

    /** HTTPS with PEM files, as the AMQPS listener takes them. */
    public ConsoleSettings withTls(Path certChain, Path privateKey, String keyPassword) {
        return new ConsoleSettings(host, port, staticRoot, maxBodyBytes, certChain, privateKey, keyPassword);
    }

    public boolean tls() {
        return tlsCertChain != null;
    }
}
