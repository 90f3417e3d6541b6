package org.ferrymq.broker.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Loads a config file in the format of RabbitMQ's {@code rabbitmq.conf} ({@code key = value}
 * lines, {@code #} comments) into a {@link BrokerConfig.Builder}. Keys RabbitMQ has keep
 * RabbitMQ's names and meaning ({@code listeners.tcp.default}, {@code heartbeat},
 * {@code frame_max}, {@code channel_max}, {@code connection_max}, {@code max_message_size},
 * {@code default_user}, {@code loopback_users}, ...); FerryMQ adds {@code amqp.host},
 * {@code amqp.port}, {@code data_dir}, {@code queue_memory_window}, {@code vhosts.*},
 * {@code users.*} and {@code permissions.*}. TLS: {@code listeners.ssl.*} and {@code ssl_options.*}.
 * Every key is described in {@code docs/configuration.md}.
 *
 * <p>An unknown key, a malformed line or a bad value fails the whole load with a
 * {@link ConfigException} naming the file, line and key; nothing is applied to the builder then.
 */
public final class BrokerConfigFile {
    private static final int MAX_FRAME = Integer.MAX_VALUE;
    /** RabbitMQ refuses max_message_size above 512 MiB. */
    private static final long MAX_MESSAGE_SIZE_LIMIT = 512L * 1024 * 1024;
    /** Linux caps what SO_SNDBUF/SO_RCVBUF may ask at net.core.[wr]mem_max anyway; this only refuses nonsense. */
    private static final long MAX_SOCKET_BUFFER = 256L * 1024 * 1024;

    private BrokerConfigFile() {
    }

    /**
     * Reads {@code file} and applies its settings on top of what {@code into} already holds.
     *
     * @return {@code into}, for chaining
     * @throws ConfigException if the file cannot be read or has an error
     */
    public static BrokerConfig.Builder load(Path file, BrokerConfig.Builder into) {
        List<ConfigLine> lines = ConfFileReader.read(file);
        BrokerConfig current = into.build();
        BrokerConfig.Builder staged = current.toBuilder();
        NetworkSettings network = new NetworkSettings();
        ResourceSettings resources = new ResourceSettings();
        TlsSettings tls = new TlsSettings();
        AccessControlSettings access = new AccessControlSettings();
        ManagementSettings management = new ManagementSettings();
        for (ConfigLine line : lines) {
            if (!network.accept(line, staged) && !resources.accept(line, staged) && !tls.accept(line)
                    && !access.accept(line) && !management.accept(line)) {
                throw line.fail("unknown key (see docs/configuration.md for the keys FerryMQ understands)");
            }
        }
        access.applyTo(current, staged);
        BrokerConfig result;
        try {
            tls.applyTo(staged, staged.build().host());
            management.applyTo(staged, current.management());
            result = staged.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, 0, null, e.getMessage(), e);
        }
        into.copyOf(result);
        return into;
    }

    /** Listener, storage and protocol-limit keys, applied as they are read. */
    private static final class NetworkSettings {
        private ConfigLine listener;
        private ConfigLine amqpHost;
        private ConfigLine amqpPort;
        private ConfigLine connectionLimit;

        boolean accept(ConfigLine line, BrokerConfig.Builder into) {
            String key = line.key();
            switch (key) {
                case "amqp.host" -> {
                    conflictsWith(line, listener);
                    amqpHost = line;
                    into.host(ListenAddress.host(line, line.text()));
                }
                case "amqp.port" -> {
                    conflictsWith(line, listener);
                    amqpPort = line;
                    into.amqpPort(line.intValue(0, 65535));
                }
                case "listeners.tcp" -> throw line.fail(
                        "FerryMQ needs its AMQP listener; set listeners.tcp.default = HOST:PORT instead");
                case "data_dir" -> into.dataDir(ConfigPaths.resolve(line));
                case "heartbeat" -> into.heartbeatSeconds(line.intValue(0, 65535));
                case "frame_max" -> {
                    long frameMax = line.byteSize(0, MAX_FRAME);
                    if (frameMax != 0 && frameMax < 4096) {
                        throw line.fail("must be 0 (no limit) or at least 4096 bytes, got " + line.value());
                    }
                    into.frameMax((int) frameMax);
                }
                // RabbitMQ: 0 means no limit, which for a 16-bit channel number is 65535
                case "channel_max" -> {
                    int channelMax = line.intValue(0, 65535);
                    into.channelMax(channelMax == 0 ? 65535 : channelMax);
                }
                case "connection_max", "max_connections" -> {
                    conflictsWith(line, connectionLimit);
                    connectionLimit = line;
                    into.maxConnections(line.text().equals("infinity") ? Integer.MAX_VALUE
                            : line.intValue(0, Integer.MAX_VALUE));
                }
                case "max_message_size" -> into.maxMessageSize(line.byteSize(1, MAX_MESSAGE_SIZE_LIMIT));
                case "handshake_timeout" -> into.handshakeTimeoutMillis(line.intValue(1, Integer.MAX_VALUE));
                // RabbitMQ's names; 0 = the operating system's (auto-tuned) size
                case "tcp_listen_options.sndbuf" -> into.socketSendBuffer((int) line.byteSize(0, MAX_SOCKET_BUFFER));
                case "tcp_listen_options.recbuf" -> into.socketReceiveBuffer((int) line.byteSize(0, MAX_SOCKET_BUFFER));
                case "unauthenticated_connection_max" -> into.unauthenticatedConnectionMax(line.intValue(1, Integer.MAX_VALUE));
                case "handshake_timeout.under_pressure" ->
                        into.pressuredHandshakeTimeoutMillis(line.intValue(1, Integer.MAX_VALUE));
                default -> {
                    if (!key.startsWith("listeners.tcp.")) {
                        return false;
                    }
                    line.keySuffix("listeners.tcp.");
                    conflictsWith(line, listener);
                    conflictsWith(line, amqpHost);
                    conflictsWith(line, amqpPort);
                    listener = line;
                    ListenAddress address = ListenAddress.parse(line);
                    if (address.host() != null) {
                        into.host(address.host());
                    }
                    into.amqpPort(address.port());
                }
            }
            return true;
        }

        private static void conflictsWith(ConfigLine line, ConfigLine earlier) {
            if (earlier != null) {
                throw line.conflict(earlier, "FerryMQ has one AMQP listener");
            }
        }
    }
}
