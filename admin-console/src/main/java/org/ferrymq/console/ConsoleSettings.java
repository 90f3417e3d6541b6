package org.ferrymq.console;

import java.util.Objects;

import org.ferrymq.broker.config.TlsListener;

/**
 * How the console's HTTP server listens.
 *
 * @param host         address to bind (loopback by default)
 * @param port         port; 0 picks a free one
 * @param staticRoot   classpath directory the web UI's files are served from at {@code /}
 * @param maxBodyBytes largest request body accepted (413 above it)
 * @param https        HTTPS: PEM certificate chain and key, optional client-certificate check,
 *                     read as the AMQPS listener reads them; null for plain HTTP. Its own
 *                     host and port are ignored: {@code host} and {@code port} are used.
 */
public record ConsoleSettings(String host, int port, String staticRoot, long maxBodyBytes, TlsListener https) {
    public static final int DEFAULT_PORT = 15672;
    public static final String DEFAULT_STATIC_ROOT = "/console";

    public ConsoleSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management port must be 0-65535, not " + port);
        }
    }

    /** Loopback, the given port, the bundled UI, 16 MB bodies (a large definitions file), plain HTTP. */
    public static ConsoleSettings loopback(int port) {
        return new ConsoleSettings("127.0.0.1", port, DEFAULT_STATIC_ROOT, 16L << 20, null);
    }

    /** The console as the broker's config file describes it ({@code management.tcp.*} / {@code management.ssl.*}). */
    public static ConsoleSettings of(org.ferrymq.broker.config.ManagementListener listener) {
        return loopback(listener.port()).withHost(listener.host()).withTls(listener.https());
    }

    public ConsoleSettings withHost(String newHost) {
        return new ConsoleSettings(newHost, port, staticRoot, maxBodyBytes, https);
    }

    public ConsoleSettings withStaticRoot(String root) {
        return new ConsoleSettings(host, port, root, maxBodyBytes, https);
    }

    public ConsoleSettings withMaxBodyBytes(long max) {
        return new ConsoleSettings(host, port, staticRoot, max, https);
    }

    /** HTTPS with PEM files, as the AMQPS listener takes them (null: plain HTTP). */
    public ConsoleSettings withTls(TlsListener tls) {
        return new ConsoleSettings(host, port, staticRoot, maxBodyBytes, tls);
    }

    public boolean tls() {
        return https != null;
    }
}
