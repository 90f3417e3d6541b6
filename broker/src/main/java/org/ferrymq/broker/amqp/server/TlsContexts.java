package org.ferrymq.broker.amqp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import org.ferrymq.broker.config.TlsListener;

/**
 * Builds the server-side TLS context of the AMQPS listener (and, as a JDK {@link SSLContext},
 * of the admin console's HTTPS listener) from its PEM files, failing in words an operator can act on.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    static SslContext forServer(TlsListener tls) {
        rejectPkcs1Key(tls);
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(tls.certFile().toFile(), tls.keyFile().toFile())
                    .sslProvider(SslProvider.JDK)
                    // TLSv1.2 and 1.3 only, as RabbitMQ 3.10's defaults
                    .protocols("TLSv1.3", "TLSv1.2");
            if (tls.verifyPeer()) {
                builder.trustManager(tls.caCertFile().toFile())
                        .clientAuth(tls.failIfNoPeerCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up the TLS listener from certfile " + tls.certFile()
                    + " and keyfile " + tls.keyFile() + (tls.caCertFile() == null ? "" : " and cacertfile " + tls.caCertFile())
                    + ": " + rootMessage(e), e);
        }
    }

    /**
     * The same PEM files read the same way, as a JDK {@link SSLContext} for a server that is not
     * Netty (the console's Jetty). The context holds the key and, with {@code verifyPeer}, the
     * trusted CAs; whether a client certificate is wanted or needed is the caller's to set
     * from {@link TlsListener#verifyPeer()} and {@link TlsListener#failIfNoPeerCert()}.
     */
    public static SSLContext jdkServerContext(TlsListener tls) {
        SslContext context = forServer(tls);
        if (!(context instanceof JdkSslContext jdk)) {
            throw new IllegalStateException("the TLS context is not the JDK's: " + context.getClass().getName());
        }
        return jdk.context();
    }

    /** The JDK reads PKCS#8 keys only; say how to convert the traditional "RSA PRIVATE KEY" form. */
    private static void rejectPkcs1Key(TlsListener tls) {
        String pem;
        try {
            pem = Files.readString(tls.keyFile(), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the TLS keyfile " + tls.keyFile() + ": " + e.getMessage(), e);
        }
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
            throw new IllegalStateException("the TLS keyfile " + tls.keyFile() + " is in the traditional (PKCS#1/SEC1) form; "
                    + "convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + tls.keyFile() + " -out key-pkcs8.pem");
        }
        if (pem.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalStateException("the TLS keyfile " + tls.keyFile() + " is encrypted; FerryMQ needs an unencrypted "
                    + "PKCS#8 key (openssl pkcs8 -topk8 -nocrypt -in " + tls.keyFile() + " -out key-pkcs8.pem)");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
