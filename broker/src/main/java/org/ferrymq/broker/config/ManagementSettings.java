package org.ferrymq.broker.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The management console keys, as RabbitMQ names them: {@code management.tcp.port} (0 or
 * {@code off} disables the console), {@code management.tcp.ip}, and for HTTPS
 * {@code management.ssl.port}, {@code management.ssl.ip}, {@code management.ssl.certfile},
 * {@code management.ssl.keyfile} (PEM), {@code management.ssl.cacertfile},
 * {@code management.ssl.verify} and {@code management.ssl.fail_if_no_peer_cert} (client
 * certificates), with the meaning the AMQPS listener's {@code ssl_options.*} have. FerryMQ serves
 * the console on one listener: with the ssl keys it is HTTPS, without them HTTP. Collected, then
 * checked together.
 */
final class ManagementSettings {
    private ConfigLine tcpPort;
    private ConfigLine tcpIp;
    private ConfigLine sslPort;
    private ConfigLine sslIp;
    private ConfigLine certFile;
    private ConfigLine keyFile;
    private ConfigLine caCertFile;
    private ConfigLine verify;
    private ConfigLine failIfNoPeerCert;
    private boolean disabled;
    private RatesMode ratesMode;

    boolean accept(ConfigLine line) {
        switch (line.key()) {
            case "management.tcp.port" -> {
                if (line.text().equals("off") || line.text().equals("0")) {
                    disabled = true;
                } else {
                    line.intValue(1, 65535);
                }
                tcpPort = line;
            }
            case "management.tcp.ip" -> tcpIp = line;
            case "management.rates_mode" -> {
                ratesMode = RatesMode.fromConfigName(line.text());
                if (ratesMode == null) {
                    throw line.fail("expected none, basic or detailed, got '" + line.value() + "'");
                }
            }
            case "management.ssl.port" -> {
                line.intValue(0, 65535);
                sslPort = line;
            }
            case "management.ssl.ip" -> sslIp = line;
            case "management.ssl.certfile" -> certFile = readable(line);
            case "management.ssl.keyfile" -> keyFile = readable(line);
            case "management.ssl.cacertfile" -> caCertFile = readable(line);
            case "management.ssl.verify" -> {
                if (!line.text().equals("verify_peer") && !line.text().equals("verify_none")) {
                    throw line.fail("expected verify_peer or verify_none, got '" + line.value() + "'");
                }
                verify = line;
            }
            case "management.ssl.fail_if_no_peer_cert" -> {
                line.booleanValue();
                failIfNoPeerCert = line;
            }
            case "management.ssl.password" -> throw line.fail("encrypted keys are not supported; give an unencrypted "
                    + "PKCS#8 key (openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem) and protect the file");
            default -> {
                if (line.key().startsWith("management.")) {
                    throw line.fail("unknown management key; FerryMQ understands management.tcp.port, "
                            + "management.tcp.ip, management.ssl.port, management.ssl.ip, management.ssl.certfile, "
                            + "management.ssl.keyfile, management.ssl.cacertfile, management.ssl.verify, "
                            + "management.ssl.fail_if_no_peer_cert and management.rates_mode");
                }
                return false;
            }
        }
        return true;
    }

    void applyTo(BrokerConfig.Builder into, ManagementListener current) {
        if (ratesMode != null) {
            into.ratesMode(ratesMode); // the broker samples (or not) whether or not the console runs
        }
        boolean tls = sslPort != null || certFile != null || keyFile != null || sslIp != null || caCertFile != null
                || verify != null || failIfNoPeerCert != null;
        if (tls) {
            ConfigLine any = sslPort != null ? sslPort : certFile != null ? certFile : keyFile != null ? keyFile
                    : sslIp != null ? sslIp : caCertFile != null ? caCertFile : verify != null ? verify : failIfNoPeerCert;
            if (certFile == null || keyFile == null) {
                throw any.fail("HTTPS for the management console needs management.ssl.certfile and management.ssl.keyfile");
            }
            if (tcpPort != null && !disabled) {
                throw tcpPort.fail("FerryMQ serves the console on one listener: set management.tcp.* or management.ssl.*");
            }
            String host = sslIp != null ? ListenAddress.host(sslIp, sslIp.text()) : current == null ? "127.0.0.1" : current.host();
            int port = sslPort == null ? ManagementListener.DEFAULT_TLS_PORT : sslPort.intValue(0, 65535);
            boolean verifyPeer = verify != null && verify.text().equals("verify_peer");
            boolean failWithoutCert = failIfNoPeerCert != null && failIfNoPeerCert.booleanValue();
            if (verifyPeer && caCertFile == null) {
                throw verify.fail("verify_peer needs management.ssl.cacertfile (the CAs client certificates are checked against)");
            }
            if (failWithoutCert && !verifyPeer) {
                throw failIfNoPeerCert.fail("needs management.ssl.verify = verify_peer");
            }
            into.management(new ManagementListener(host, port, new TlsListener(host, port, ConfigPaths.resolve(certFile),
                    ConfigPaths.resolve(keyFile), caCertFile == null ? null : ConfigPaths.resolve(caCertFile), verifyPeer,
                    failWithoutCert)));
            return;
        }
        if (disabled) {
            into.management(null);
            return;
        }
        if (tcpPort == null && tcpIp == null) {
            return;
        }
        ManagementListener base = current == null ? ManagementListener.loopbackDefault() : current;
        String host = tcpIp != null ? ListenAddress.host(tcpIp, tcpIp.text()) : base.host();
        int port = tcpPort != null ? tcpPort.intValue(1, 65535) : base.port();
        into.management(new ManagementListener(host, port, null));
    }

    private static ConfigLine readable(ConfigLine line) {
        Path path = ConfigPaths.resolve(line);
        if (!Files.isReadable(path)) {
            throw line.fail("cannot read " + path);
        }
        return line;
    }
}
