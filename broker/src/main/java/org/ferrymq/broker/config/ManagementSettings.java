package org.ferrymq.broker.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The management console keys, as RabbitMQ names them: {@code management.tcp.port} (0 or
 * {@code off} disables the console), {@code management.tcp.ip}, and for HTTPS
 * {@code management.ssl.port}, {@code management.ssl.ip}, {@code management.ssl.certfile} and
 * {@code management.ssl.keyfile} (PEM). FerryMQ serves the console on one listener: with the
 * ssl keys it is HTTPS, without them HTTP. Collected, then checked together.
 */
final class ManagementSettings {
    private ConfigLine tcpPort;
    private ConfigLine tcpIp;
    private ConfigLine sslPort;
    private ConfigLine sslIp;
    private ConfigLine certFile;
    private ConfigLine keyFile;
    private boolean disabled;

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
            case "management.ssl.port" -> {
                line.intValue(0, 65535);
                sslPort = line;
            }
            case "management.ssl.ip" -> sslIp = line;
            case "management.ssl.certfile" -> certFile = readable(line);
            case "management.ssl.keyfile" -> keyFile = readable(line);
            default -> {
                if (line.key().startsWith("management.")) {
                    throw line.fail("unknown management key; FerryMQ understands management.tcp.port, "
                            + "management.tcp.ip, management.ssl.port, management.ssl.ip, management.ssl.certfile "
                            + "and management.ssl.keyfile");
                }
                return false;
            }
        }
        return true;
    }

    void applyTo(BrokerConfig.Builder into, ManagementListener current) {
        boolean tls = sslPort != null || certFile != null || keyFile != null || sslIp != null;
        if (tls) {
            ConfigLine any = sslPort != null ? sslPort : certFile != null ? certFile : keyFile != null ? keyFile : sslIp;
            if (certFile == null || keyFile == null) {
                throw any.fail("HTTPS for the management console needs management.ssl.certfile and management.ssl.keyfile");
            }
            if (tcpPort != null && !disabled) {
                throw tcpPort.fail("FerryMQ serves the console on one listener: set management.tcp.* or management.ssl.*");
            }
            String host = sslIp != null ? ListenAddress.host(sslIp, sslIp.text()) : current == null ? "127.0.0.1" : current.host();
            int port = sslPort == null ? ManagementListener.DEFAULT_TLS_PORT : sslPort.intValue(0, 65535);
            into.management(new ManagementListener(host, port, ConfigPaths.resolve(certFile), ConfigPaths.resolve(keyFile)));
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
        into.management(new ManagementListener(host, port, null, null));
    }

    private static ConfigLine readable(ConfigLine line) {
        Path path = ConfigPaths.resolve(line);
        if (!Files.isReadable(path)) {
            throw line.fail("cannot read " + path);
        }
        return line;
    }
}
