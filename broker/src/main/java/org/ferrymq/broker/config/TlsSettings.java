package org.ferrymq.broker.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The AMQPS listener keys, as RabbitMQ names them: {@code listeners.ssl.NAME = [HOST:]PORT}
 * and {@code ssl_options.certfile / keyfile / cacertfile / verify / fail_if_no_peer_cert}.
 * Collected first and checked together at the end, since the keys may come in any order.
 */
final class TlsSettings {
    private ConfigLine listener;
    private ConfigLine certFile;
    private ConfigLine keyFile;
    private ConfigLine caCertFile;
    private ConfigLine verify;
    private ConfigLine failIfNoPeerCert;
    private ConfigLine anyOption;

    boolean accept(ConfigLine line) {
        String key = line.key();
        if (key.equals("listeners.ssl")) {
            if (!line.text().equals("none")) {
                throw line.fail("expected none, or listeners.ssl.NAME = [HOST:]PORT");
            }
            return true;
        }
        if (key.startsWith("listeners.ssl.")) {
            line.keySuffix("listeners.ssl.");
            if (listener != null) {
                throw line.conflict(listener, "FerryMQ has one AMQPS listener");
            }
            listener = line;
            return true;
        }
        if (!key.startsWith("ssl_options.")) {
            return false;
        }
        anyOption = line;
        switch (key) {
            case "ssl_options.certfile" -> certFile = readable(line);
            case "ssl_options.keyfile" -> keyFile = readable(line);
            case "ssl_options.cacertfile" -> caCertFile = readable(line);
            case "ssl_options.verify" -> {
                if (!line.text().equals("verify_peer") && !line.text().equals("verify_none")) {
                    throw line.fail("expected verify_peer or verify_none, got '" + line.value() + "'");
                }
                verify = line;
            }
            case "ssl_options.fail_if_no_peer_cert" -> {
                line.booleanValue();
                failIfNoPeerCert = line;
            }
            default -> throw line.fail("unknown TLS option; FerryMQ understands ssl_options.certfile, keyfile, "
                    + "cacertfile, verify and fail_if_no_peer_cert");
        }
        return true;
    }

    /** Sets the builder's TLS listener from what was read; {@code tcpHost} is used when the listener gives only a port. */
    void applyTo(BrokerConfig.Builder into, String tcpHost) {
        if (listener == null) {
            if (anyOption != null) {
                throw anyOption.fail("ssl_options need a TLS listener: add listeners.ssl.default = 5671");
            }
            return;
        }
        if (certFile == null || keyFile == null) {
            throw listener.fail("a TLS listener needs ssl_options.certfile and ssl_options.keyfile");
        }
        boolean verifyPeer = verify != null && verify.text().equals("verify_peer");
        boolean failWithoutCert = failIfNoPeerCert != null && failIfNoPeerCert.booleanValue();
        if (verifyPeer && caCertFile == null) {
            throw verify.fail("verify_peer needs ssl_options.cacertfile (the CAs client certificates are checked against)");
        }
        if (failWithoutCert && !verifyPeer) {
            throw failIfNoPeerCert.fail("needs ssl_options.verify = verify_peer");
        }
        ListenAddress address = ListenAddress.parse(listener);
        into.tls(new TlsListener(address.host() == null ? tcpHost : address.host(), address.port(),
                ConfigPaths.resolve(certFile), ConfigPaths.resolve(keyFile),
                caCertFile == null ? null : ConfigPaths.resolve(caCertFile), verifyPeer, failWithoutCert));
    }

    private static ConfigLine readable(ConfigLine line) {
        Path path = ConfigPaths.resolve(line);
        if (!Files.isReadable(path)) {
            throw line.fail("cannot read " + path);
        }
        return line;
    }
}
