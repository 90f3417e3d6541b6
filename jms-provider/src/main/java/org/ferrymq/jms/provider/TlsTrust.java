package org.ferrymq.jms.provider;

import java.io.Serializable;

/**
 * What an {@code amqps://} connection trusts and presents. Without a trust store the JVM's
 * default trust (the {@code javax.net.ssl.trustStore} system properties, else the JDK's CAs)
 * applies; the broker's host name is always checked against its certificate.
 *
 * @param trustStore         file with the CA or broker certificates to trust: PEM
 *                           ({@code ca.pem}, as given to RabbitMQ) or a PKCS#12/JKS key store; or null
 * @param trustStorePassword the key store's password, or null (PEM files have none)
 * @param keyStore           PKCS#12/JKS key store with the client certificate and key, for brokers that
 *                           ask for one ({@code verify_peer}); or null
 * @param keyStorePassword   its password, or null
 */
public record TlsTrust(String trustStore, String trustStorePassword, String keyStore, String keyStorePassword)
        implements Serializable {

    /** The JVM's default trust and no client certificate. */
    public static final TlsTrust DEFAULT = new TlsTrust(null, null, null, null);

    public TlsTrust withTrustStore(String file, String password) {
        return new TlsTrust(file, password, keyStore, keyStorePassword);
    }

    public TlsTrust withKeyStore(String file, String password) {
        return new TlsTrust(trustStore, trustStorePassword, file, password);
    }

    /** Passwords stay out of logs and exception texts. */
    @Override
    public String toString() {
        return "TlsTrust[trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
    }
}
