package org.ferrymq.broker;

import java.nio.file.Path;
import java.util.Objects;

import org.ferrymq.broker.config.BrokerConfig;

/**
 * A FerryMQ broker running inside this JVM: the embedding API that the server launcher, the
 * in-process JMS transport, the resource adapter and the console all start from.
 *
 * <pre>{@code
 * try (FerryBroker broker = FerryBroker.builder().amqpPort(0).dataDir(dir).start()) {
 *     int port = broker.amqpPort();   // the ephemeral port it bound
 *     ...
 * }
 * }</pre>
 *
 * <p>Threading: {@link Builder#start()} returns once the AMQP listener is bound. Each client
 * connection is owned by one Netty event loop; each queue's state is owned by one serial
 * executor; the methods of this class are thread-safe and {@link #close()} is idempotent.
 */
public final class FerryBroker implements AutoCloseable {
    private final BrokerConfig config;
    private final BrokerRuntime runtime;

    private FerryBroker(BrokerConfig config, BrokerRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration the broker was started with (its amqpPort may be 0 for ephemeral). */
    public BrokerConfig config() {
        return config;
    }

    /** The host the AMQP listener is bound to. */
    public String host() {
        return config.host();
    }

    /** The port the AMQP listener is bound to (the real one, even if 0 was asked for). */
    public int amqpPort() {
        return runtime.amqpPort();
    }

    /** {@code amqp://host:port}, for clients. */
    public String amqpUri() {
        return "amqp://" + host() + ":" + amqpPort();
    }

    /** The port of the AMQPS (TLS) listener, or -1 when none is configured. */
    public int amqpsPort() {
        java.net.InetSocketAddress tls = runtime.tlsAddress();
        return tls == null ? -1 : tls.getPort();
    }

    /**
     * Where in-process clients connect without a socket: a Netty {@code LocalAddress}. A client
     * opens a {@code LocalChannel} to it and exchanges {@code AmqpCommand} objects
     * (see {@code org.ferrymq.broker.amqp.codec}): the broker answers each flush with a
     * {@code List<AmqpCommand>}, messages passed by reference.
     */
    public java.net.SocketAddress localAddress() {
        return runtime.localAddress();
    }

    /**
     * The management API over this broker: read models of vhosts, queues, exchanges, bindings,
     * connections, users and permissions; commands to change them and to publish, browse, move,
     * copy and delete messages. The admin console's HTTP API is built on it.
     */
    public org.ferrymq.broker.management.BrokerManagement management() {
        return runtime.management();
    }

    /** Stops accepting connections, closes client connections with CONNECTION_FORCED and releases threads. */
    @Override
    public void close() {
        runtime.close();
    }

    public static final class Builder {
        private BrokerConfig.Builder config = BrokerConfig.builder();

        private Builder() {
        }

        /** Starts from a complete configuration; later calls on this builder override its fields. */
        public Builder config(BrokerConfig config) {
            this.config = Objects.requireNonNull(config).toBuilder();
            return this;
        }

        public Builder host(String host) {
            config.host(host);
            return this;
        }

        /** 0 picks a free ephemeral port; read it back with {@link FerryBroker#amqpPort()}. */
        public Builder amqpPort(int port) {
            config.amqpPort(port);
            return this;
        }

        public Builder dataDir(Path dataDir) {
            config.dataDir(dataDir);
            return this;
        }

        /** Direct access to every other setting. */
        public Builder configure(java.util.function.Consumer<BrokerConfig.Builder> changes) {
            changes.accept(config);
            return this;
        }

        public FerryBroker start() {
            BrokerConfig built = config.build();
            return new FerryBroker(built, BrokerRuntime.start(built));
        }
    }
}
