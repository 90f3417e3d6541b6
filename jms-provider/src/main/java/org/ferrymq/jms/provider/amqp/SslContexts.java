package org.ferrymq.jms.provider.amqp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.ferrymq.jms.provider.ProviderException;
import org.ferrymq.jms.provider.TlsTrust;

/** Builds the client {@link SSLContext} of an {@code amqps://} connection from {@link TlsTrust}. */
final class SslContexts {
    private SslContexts() {
    }

    static SSLContext forClient(TlsTrust tls) throws ProviderException {
        if (tls.trustStore() == null && tls.keyStore() == null) {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new ProviderException("the JVM has no default TLS context: " + e.getMessage(), e);
            }
        }
        try {
            TrustManagerFactory trust = null;
            if (tls.trustStore() != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore(Path.of(tls.trustStore()), tls.trustStorePassword()));
            }
            KeyManagerFactory keys = null;
            if (tls.keyStore() != null) {
                char[] password = password(tls.keyStorePassword());
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(KeyStore.getInstance(Path.of(tls.keyStore()).toFile(), password), password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ProviderException("cannot set up TLS from " + tls + ": " + e.getMessage(), e);
        }
    }

    /** A PEM file of certificates (what RabbitMQ users have) or a PKCS#12/JKS key store. */
    private static KeyStore trustStore(Path file, String password) throws IOException, GeneralSecurityException {
        byte[] head = new byte[64];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (!new String(head, 0, read, StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            return KeyStore.getInstance(file.toFile(), password(password));
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(file)) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            if (n == 0) {
                throw new GeneralSecurityException(file + " holds no certificate");
            }
        }
        return store;
    }

    private static char[] password(String password) {
        return password == null ? new char[0] : password.toCharArray();
    }
}
