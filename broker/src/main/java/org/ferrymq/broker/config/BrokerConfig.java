package org.ferrymq.broker.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.ferrymq.broker.security.PermissionDefinition;
import org.ferrymq.broker.security.UserDefinition;

/**
 * Everything a broker needs to start, immutable. Built with {@link #builder()} (from code, the
 * command line or a config file); the defaults match RabbitMQ's where RabbitMQ has one.
 *
 * @param host             address the AMQP listener binds to
 * @param amqpPort         AMQP port; 0 picks a free ephemeral port
 * @param dataDir          where durable state lives
 * @param frameMax         largest frame the broker accepts or sends, in bytes (tune.frame-max)
 * @param channelMax       most channels per connection (tune.channel-max)
 * @param heartbeatSeconds heartbeat the broker proposes in tune; 0 disables
 * @param maxMessageSize   largest message body accepted, in bytes
 * @param maxConnections   most concurrent client connections
 * @param loopbackUsers    users that may only connect from a loopback address ({@code guest})
 * @param memoryHighWatermark bytes of queued message bodies in memory above which publishers are blocked
 * @param diskFreeLimit    free bytes on the data directory's disk below which publishers are blocked
 * @param queueMemoryWindow messages a queue keeps in memory; more are paged to disk (lazy queue)
 * @param tls              the AMQPS listener, or null for none
 * @param handshake        limits on connections still in the handshake (not counted in maxConnections)
 * @param management       where the ferrymq server serves the admin console, or null for not at all
 * @param ratesMode        RabbitMQ's {@code management.rates_mode}: how much message-rate sampling is done
 * @param socketBuffers    kernel socket buffer sizes of client connections ({@code tcp_listen_options.*})
 */
public record BrokerConfig(
        String host,
        int amqpPort,
        Path dataDir,
        int frameMax,
        int channelMax,
        int heartbeatSeconds,
        long maxMessageSize,
        int maxConnections,
        List<String> vhosts,
        List<UserDefinition> users,
        List<PermissionDefinition> permissions,
        List<String> loopbackUsers,
        long memoryHighWatermark,
        long diskFreeLimit,
        int queueMemoryWindow,
        TlsListener tls,
        HandshakeLimits handshake,
        ManagementListener management,
        RatesMode ratesMode,
        SocketBuffers socketBuffers) {

    public static final int DEFAULT_AMQP_PORT = 5672;
    /** RabbitMQ's guest/guest, hashed. */
    public static final String GUEST_PASSWORD_HASH = "kI3GCrswBLNZQzHJJ95QLoyfAVooYhnvf7jbqiW9BjOYUloe";

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(ratesMode, "ratesMode");
        Objects.requireNonNull(socketBuffers, "socketBuffers");
        if (amqpPort < 0 || amqpPort > 65535) {
            throw new IllegalArgumentException("amqp port out of range: " + amqpPort);
        }
        if (frameMax != 0 && frameMax < 4096) {
            throw new IllegalArgumentException("frame_max must be 0 (unlimited) or at least 4096 (spec FRAME-MIN-SIZE), got " + frameMax);
        }
        if (channelMax < 1 || channelMax > 65535) {
            throw new IllegalArgumentException("channel_max must be within 1..65535, got " + channelMax);
        }
        vhosts = List.copyOf(vhosts);
        users = List.copyOf(users);
        permissions = List.copyOf(permissions);
        loopbackUsers = List.copyOf(loopbackUsers);
        if (memoryHighWatermark <= 0) {
            throw new IllegalArgumentException("memory high watermark must be positive, got " + memoryHighWatermark);
        }
        if (diskFreeLimit < 0) {
            throw new IllegalArgumentException("disk free limit must not be negative, got " + diskFreeLimit);
        }
        Objects.requireNonNull(handshake, "handshake");
        if (queueMemoryWindow < 100) {
            throw new IllegalArgumentException("queue memory window must be at least 100 messages, got " + queueMemoryWindow);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this config's values. */
    public Builder toBuilder() {
        return new Builder().copyOf(this);
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int amqpPort = DEFAULT_AMQP_PORT;
        private Path dataDir = Path.of("data");
        private int frameMax = 131072;
        private int channelMax = 2047;
        private int heartbeatSeconds = 60;
        private long maxMessageSize = 128L * 1024 * 1024;
        private int maxConnections = 10_000;
        private List<String> vhosts = new ArrayList<>(List.of("/"));
        private List<UserDefinition> users = new ArrayList<>(
                List.of(new UserDefinition("guest", GUEST_PASSWORD_HASH, java.util.Set.of("administrator"))));
        private List<PermissionDefinition> permissions = new ArrayList<>(List.of(PermissionDefinition.all("guest", "/")));
        private List<String> loopbackUsers = new ArrayList<>(List.of("guest"));
        // RabbitMQ's default high watermark is 40% of memory; ours counts queued bodies against the heap
        private long memoryHighWatermark = (long) (Runtime.getRuntime().maxMemory() * 0.4);
        private long diskFreeLimit = 50L * 1024 * 1024;
        private int queueMemoryWindow = 20_000;
        private TlsListener tls;
        private HandshakeLimits handshake = HandshakeLimits.DEFAULTS;
        private ManagementListener management = ManagementListener.loopbackDefault();
        private RatesMode ratesMode = RatesMode.BASIC;
        private SocketBuffers socketBuffers = SocketBuffers.DEFAULTS;

        private Builder() {
        }

        /** Takes every setting of {@code config}: the one place that lists them all. */
        Builder copyOf(BrokerConfig config) {
            host = config.host;
            amqpPort = config.amqpPort;
            dataDir = config.dataDir;
            frameMax = config.frameMax;
            channelMax = config.channelMax;
            heartbeatSeconds = config.heartbeatSeconds;
            maxMessageSize = config.maxMessageSize;
            maxConnections = config.maxConnections;
            vhosts = new ArrayList<>(config.vhosts);
            users = new ArrayList<>(config.users);
            permissions = new ArrayList<>(config.permissions);
            loopbackUsers = new ArrayList<>(config.loopbackUsers);
            memoryHighWatermark = config.memoryHighWatermark;
            diskFreeLimit = config.diskFreeLimit;
            queueMemoryWindow = config.queueMemoryWindow;
            tls = config.tls;
            handshake = config.handshake;
            management = config.management;
            ratesMode = config.ratesMode;
            socketBuffers = config.socketBuffers;
            return this;
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder amqpPort(int port) { this.amqpPort = port; return this; }
        public Builder dataDir(Path dataDir) { this.dataDir = dataDir; return this; }
        public Builder frameMax(int frameMax) { this.frameMax = frameMax; return this; }
        public Builder channelMax(int channelMax) { this.channelMax = channelMax; return this; }
        public Builder heartbeatSeconds(int seconds) { this.heartbeatSeconds = seconds; return this; }
        public Builder maxMessageSize(long bytes) { this.maxMessageSize = bytes; return this; }
        public Builder maxConnections(int max) { this.maxConnections = max; return this; }

        /** Replaces the vhost list (the default is just {@code /}). */
        public Builder vhosts(List<String> vhosts) { this.vhosts = new ArrayList<>(vhosts); return this; }
        public Builder addVhost(String vhost) { if (!vhosts.contains(vhost)) { vhosts.add(vhost); } return this; }

        /** Replaces the users (the default is {@code guest/guest}, loopback only). */
        public Builder users(List<UserDefinition> users) { this.users = new ArrayList<>(users); return this; }
        public Builder addUser(UserDefinition user) {
            users.removeIf(u -> u.name().equals(user.name()));
            users.add(user);
            return this;
        }

        public Builder permissions(List<PermissionDefinition> permissions) { this.permissions = new ArrayList<>(permissions); return this; }
        public Builder addPermission(PermissionDefinition p) {
            permissions.removeIf(x -> x.user().equals(p.user()) && x.vhost().equals(p.vhost()));
            permissions.add(p);
            return this;
        }

        public Builder loopbackUsers(List<String> users) { this.loopbackUsers = new ArrayList<>(users); return this; }
        public Builder memoryHighWatermark(long bytes) { this.memoryHighWatermark = bytes; return this; }
        public Builder diskFreeLimit(long bytes) { this.diskFreeLimit = bytes; return this; }
        public Builder queueMemoryWindow(int messages) { this.queueMemoryWindow = messages; return this; }
        /** Adds an AMQPS listener (null removes it). */
        public Builder tls(TlsListener listener) { this.tls = listener; return this; }

        public Builder handshake(HandshakeLimits limits) { this.handshake = limits; return this; }
        /** RabbitMQ's {@code handshake_timeout}. */
        public Builder handshakeTimeoutMillis(long millis) { this.handshake = handshake.withTimeoutMillis(millis); return this; }
        public Builder unauthenticatedConnectionMax(int max) { this.handshake = handshake.withUnauthenticatedMax(max); return this; }
        public Builder pressuredHandshakeTimeoutMillis(long millis) {
            this.handshake = handshake.withPressuredTimeoutMillis(millis);
            return this;
        }
        /** Where the ferrymq server starts the admin console (null: not at all). */
        public Builder management(ManagementListener listener) { this.management = listener; return this; }

        /** RabbitMQ's {@code management.rates_mode}: {@code NONE} turns the rate sampler off. */
        public Builder ratesMode(RatesMode mode) { this.ratesMode = mode; return this; }

        /** RabbitMQ's {@code tcp_listen_options.sndbuf} / {@code .recbuf}. */
        public Builder socketBuffers(SocketBuffers buffers) { this.socketBuffers = buffers; return this; }
        public Builder socketSendBuffer(int bytes) { this.socketBuffers = socketBuffers.withSendBytes(bytes); return this; }
        public Builder socketReceiveBuffer(int bytes) { this.socketBuffers = socketBuffers.withReceiveBytes(bytes); return this; }

        public BrokerConfig build() {
            return new BrokerConfig(host, amqpPort, dataDir, frameMax, channelMax, heartbeatSeconds, maxMessageSize,
                    maxConnections, vhosts, users, permissions, loopbackUsers, memoryHighWatermark, diskFreeLimit,
                    queueMemoryWindow, tls, handshake, management, ratesMode, socketBuffers);
        }
    }
}
