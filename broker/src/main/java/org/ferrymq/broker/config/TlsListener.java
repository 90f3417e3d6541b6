package org.ferrymq.broker.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The AMQPS (AMQP 0-9-1 over TLS) listener, configured as in RabbitMQ: a PEM certificate chain
 * and its PEM private key, and optionally the CA certificates that client certificates are
 * checked against.
 *
 * @param host             address the TLS listener binds to
 * @param port             its port (RabbitMQ's default is 5671); 0 picks a free one
 * @param certFile         the broker's certificate chain (PEM), leaf first
 * @param keyFile          the private key of the leaf certificate (PEM, PKCS#8 or PKCS#1, unencrypted)
 * @param caCertFile       trusted CA certificates for client certificates (PEM), or null
 * @param verifyPeer       ask clients for a certificate and check it against {@code caCertFile}
 * @param failIfNoPeerCert with {@code verifyPeer}: refuse clients that present no certificate
 */
public record TlsListener(String host, int port, Path certFile, Path keyFile, Path caCertFile,
                          boolean verifyPeer, boolean failIfNoPeerCert) {

    public static final int DEFAULT_AMQPS_PORT = 5671;

    public TlsListener {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("amqps port out of range: " + port);
        }
        if (verifyPeer && caCertFile == null) {
            throw new IllegalArgumentException("ssl_options.verify = verify_peer needs ssl_options.cacertfile");
        }
        if (failIfNoPeerCert && !verifyPeer) {
            throw new IllegalArgumentException("ssl_options.fail_if_no_peer_cert = true needs ssl_options.verify = verify_peer");
        }
    }

    /** A listener that only presents the broker's certificate (no client certificates). */
    public static TlsListener serverOnly(String host, int port, Path certFile, Path keyFile) {
        return new TlsListener(host, port, certFile, keyFile, null, false, false);
    }

    public TlsListener withPort(int newPort) {
        return new TlsListener(host, newPort, certFile, keyFile, caCertFile, verifyPeer, failIfNoPeerCert);
    }
}
