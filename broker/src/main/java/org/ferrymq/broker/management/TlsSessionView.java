package org.ferrymq.broker.management;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * The TLS of an AMQPS connection, as RabbitMQ 3.10 shows it on a connection: {@code ssl_protocol}
 * ({@code tlsv1.3}, {@code tlsv1.2}), {@code ssl_key_exchange}, {@code ssl_cipher} and
 * {@code ssl_hash} (see {@link CipherSuiteParts}), and the client certificate's
 * {@code peer_cert_subject}, {@code peer_cert_issuer} (see {@link DistinguishedNameFormat}) and
 * {@code peer_cert_validity} ({@code 2026-12-07T00:00:00Z - 2027-12-07T00:00:00Z}, UTC). Each is
 * {@code null} when there is none: the peer fields without a client certificate, all of them
 * while the handshake is still running.
 *
 * <p>Immutable; any thread. Taken once per connection, on its event loop, after the handshake.
 */
public record TlsSessionView(String protocol, String keyExchange, String cipher, String hash,
                             String peerCertSubject, String peerCertIssuer, String peerCertValidity) {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A TLS connection whose handshake has not completed: TLS, nothing negotiated yet. */
    public static final TlsSessionView HANDSHAKING = new TlsSessionView(null, null, null, null, null, null, null);

    /** The negotiated session of a completed handshake. */
    public static TlsSessionView of(SSLSession session) {
        CipherSuiteParts suite = CipherSuiteParts.fromJsseName(session.getCipherSuite());
        X509Certificate peer = peerCertificate(session);
        return new TlsSessionView(protocol(session.getProtocol()),
                suite == null ? null : suite.keyExchange(), suite == null ? null : suite.cipher(),
                suite == null ? null : suite.hash(),
                peer == null ? null : name(peer.getSubjectX500Principal()),
                peer == null ? null : name(peer.getIssuerX500Principal()),
                peer == null ? null : validity(peer));
    }

    /**
     * RabbitMQ's {@code "notBefore - notAfter"}, both as UTC instants to the second. (RabbitMQ
     * 3.10 writes a date from 2050 on, which a certificate encodes as a GeneralizedTime, as the raw
     * Erlang term {@code {generalTime,"20500101000000Z"}}; FerryMQ writes it like the others.)
     */
    public static String validity(X509Certificate certificate) {
        return instant(certificate.getNotBefore()) + " - " + instant(certificate.getNotAfter());
    }

    /** RabbitMQ's form; the JDK's RFC 2253 one for a name whose DER the formatter cannot read (the connection stays listed). */
    private static String name(X500Principal principal) {
        try {
            return DistinguishedNameFormat.rabbitStyle(principal);
        } catch (IllegalArgumentException unreadable) {
            return principal.getName(X500Principal.RFC2253);
        }
    }

    /** JSSE's {@code TLSv1.3} as Erlang's {@code tlsv1.3}. */
    private static String protocol(String jsse) {
        return jsse == null || jsse.equals("NONE") ? null : jsse.toLowerCase(Locale.ROOT);
    }

    private static String instant(Date date) {
        return INSTANT.format(date.toInstant());
    }

    private static X509Certificate peerCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            return null;
        }
    }
}
