package org.ferrymq.broker.amqp.server;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import org.ferrymq.broker.alarm.ResourceAlarm;
import org.ferrymq.broker.amqp.codec.AmqpFrameDecoder;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.model.VirtualHostRegistry;
import org.ferrymq.broker.security.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMQP 0-9-1 listeners: plain TCP, optionally TLS (amqps), and the in-process endpoint.
 * Each accepted socket gets a pipeline of three handlers: the octet counter ({@value #TRAFFIC}),
 * the frame decoder ({@value #DECODER}) and the connection ({@value #CONNECTION}), all owned by
 * the socket's event loop; on the TLS listener the TLS handler ({@value #TLS}) comes after the
 * counter, which so counts what crosses the socket. In-process ({@code vm://}) connections have
 * no socket and no counter: their octet counts stay 0.
 */
public final class AmqpServer implements AutoCloseable {
    public static final String DECODER = "amqp-decoder";
    public static final String CONNECTION = "amqp-connection";
    public static final String TLS = "tls";
    /** Counts the octets crossing the socket, first in every socket's pipeline. */
    public static final String TRAFFIC = "traffic";
    private static final String TLS_FAILURES = "tls-failures";
    private static final Logger LOG = LoggerFactory.getLogger(AmqpServer.class);

    private final BrokerConfig config;
    private final ConnectionServices services;
    private final EventLoopGroup bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("ferrymq-accept", true));
    private final EventLoopGroup workerGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("ferrymq-io", true));
    private final ChannelGroup connections = new DefaultChannelGroup("amqp-connections", GlobalEventExecutor.INSTANCE);
    private Channel listener;
    private Channel tlsListener;
    private Channel localListener;
    private final LocalAddress localAddress = new LocalAddress("ferrymq-" + java.util.UUID.randomUUID());

    public AmqpServer(BrokerConfig config, VirtualHostRegistry vhosts, UserDirectory users, ResourceAlarm alarm) {
        this.config = config;
        this.services = new ConnectionServices(config, vhosts, users, connections, alarm, new DirectReplyTo());
        alarm.onChange(reason -> {
            if (reason == null) {
                forEachConnection(AmqpConnection::unblock);
            }
        });
    }

    private void forEachConnection(java.util.function.Consumer<AmqpConnection> action) {
        for (Channel ch : connections) {
            AmqpConnection connection = (AmqpConnection) ch.pipeline().get(CONNECTION);
            if (connection != null) {
                ch.eventLoop().execute(() -> action.accept(connection));
            }
        }
    }

    /** Binds the listeners; returns the AMQP listener's bound address (the real port when 0 was configured). */
    public InetSocketAddress start() throws InterruptedException {
        // a bad certificate or key fails the start before any port is bound
        SslContext tls = config.tls() == null ? null : TlsContexts.forServer(config.tls());
        listener = bind(socketListener(null), config.host(), config.amqpPort());
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        LOG.info("AMQP 0-9-1 listener on {}:{}", bound.getHostString(), bound.getPort());
        if (tls != null) {
            tlsListener = bind(socketListener(tls), config.tls().host(), config.tls().port());
            InetSocketAddress tlsBound = (InetSocketAddress) tlsListener.localAddress();
            LOG.info("AMQP 0-9-1 over TLS (amqps) listener on {}:{}{}", tlsBound.getHostString(), tlsBound.getPort(),
                    config.tls().verifyPeer() ? ", client certificates checked" : "");
        }
        // in-process clients: the same connection handler, fed command objects instead of bytes
        localListener = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(CONNECTION, new AmqpConnection(services));
                    }
                })
                .bind(localAddress).sync().channel();
        return bound;
    }

    private static Channel bind(ServerBootstrap bootstrap, String host, int port) throws InterruptedException {
        try {
            return bootstrap.bind(host, port).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty's sync() rethrows BindException undeclared
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** A TCP listener whose sockets speak AMQP, through TLS first when {@code tls} is given. */
    private ServerBootstrap socketListener(SslContext tls) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // deliveries stop while this much waits in user space: with the socket's own send
                // buffer, what a slow consumer has been sent but not read (end-to-end latency)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024));
        if (config.socketBuffers().sendBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, config.socketBuffers().sendBytes());
        }
        if (config.socketBuffers().receiveBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, config.socketBuffers().receiveBytes());
        }
        return bootstrap
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        AmqpConnection connection = new AmqpConnection(services);
                        ch.pipeline().addLast(TRAFFIC, new SocketTrafficCounter(connection.traffic()));
                        if (tls != null) {
                            ch.pipeline().addLast(TLS, tls.newHandler(ch.alloc()));
                            ch.pipeline().addLast(TLS_FAILURES, new TlsHandshakeLogger());
                        }
                        // until tune-ok, RabbitMQ takes frames up to FRAME-MIN-SIZE (4096) only
                        ch.pipeline().addLast(DECODER, new AmqpFrameDecoder(AmqpFrameDecoder.FRAME_MIN_SIZE));
                        ch.pipeline().addLast(CONNECTION, connection);
                    }
                });
    }

    /** The AMQPS listener's bound address, or null when there is none. */
    public InetSocketAddress tlsAddress() {
        return tlsListener == null ? null : (InetSocketAddress) tlsListener.localAddress();
    }

    /** Where in-process clients connect (a Netty {@code LocalAddress}). */
    public LocalAddress localAddress() {
        return localAddress;
    }

    /** Memory and disk use as the resource alarms estimate it. */
    public org.ferrymq.broker.alarm.ResourceUsage resourceUsage() {
        return services.alarm().usage();
    }

    /**
     * Open connections, their channels and their consumers, counted on each connection's event
     * loop: what the management overview shows, without building every connection's snapshot.
     */
    public java.util.concurrent.CompletableFuture<long[]> connectionTotals() {
        return onEachOpenConnection(AmqpConnection::channelAndConsumerCounts).thenApply(counts -> {
            long[] totals = {counts.size(), 0, 0};
            for (int[] c : counts) {
                totals[1] += c[0];
                totals[2] += c[1];
            }
            return totals;
        });
    }

    /**
     * Every open connection with its channels and consumers, each taken on its own event loop
     * (the owner of that state); connections still in their handshake are left out.
     */
    public java.util.concurrent.CompletableFuture<java.util.List<org.ferrymq.broker.management.ConnectionSnapshot>>
            snapshotConnections() {
        return onEachOpenConnection(AmqpConnection::snapshot);
    }

    /**
     * Asks every open connection, on its own event loop; one closing under our feet is left out.
     * One task per event loop asks all of that loop's connections, so a broker with 1,000
     * connections wakes a handful of threads, not 1,000 (the overview counts on every request).
     */
    private <T> java.util.concurrent.CompletableFuture<java.util.List<T>> onEachOpenConnection(
            java.util.function.Function<AmqpConnection, T> question) {
        java.util.Map<io.netty.channel.EventLoop, java.util.List<AmqpConnection>> byLoop = new java.util.IdentityHashMap<>();
        for (Channel ch : connections) {
            AmqpConnection connection = (AmqpConnection) ch.pipeline().get(CONNECTION);
            if (connection != null) {
                byLoop.computeIfAbsent(ch.eventLoop(), loop -> new java.util.ArrayList<>()).add(connection);
            }
        }
        java.util.List<java.util.concurrent.CompletableFuture<java.util.List<T>>> parts = new java.util.ArrayList<>();
        byLoop.forEach((loop, onLoop) -> {
            java.util.concurrent.CompletableFuture<java.util.List<T>> part = new java.util.concurrent.CompletableFuture<>();
            try {
                loop.execute(() -> part.complete(askEach(onLoop, question)));
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                part.complete(java.util.List.of());
            }
            parts.add(part);
        });
        return java.util.concurrent.CompletableFuture.allOf(parts.toArray(new java.util.concurrent.CompletableFuture[0]))
                .thenApply(done -> parts.stream().flatMap(part -> part.join().stream()).toList());
    }

    /** On the connections' event loop: the answers of those still open. */
    private static <T> java.util.List<T> askEach(java.util.List<AmqpConnection> onLoop,
                                                 java.util.function.Function<AmqpConnection, T> question) {
        java.util.List<T> answers = new java.util.ArrayList<>(onLoop.size());
        for (AmqpConnection connection : onLoop) {
            try {
                T answer = connection.isOpen() ? question.apply(connection) : null;
                if (answer != null) {
                    answers.add(answer);
                }
            } catch (RuntimeException closing) {
                // one closing under our feet is left out
            }
        }
        return answers;
    }

    /**
     * Closes the connections whose management name is {@code name} with CONNECTION_FORCED and
     * {@code reason}; answers whether one was found.
     */
    public boolean closeConnection(String name, String reason) {
        return closeConnections(c -> c.managementName().equals(name), reason) > 0;
    }

    /** The management name of a connection handed out opaquely (an XA branch's owner), or null if it is none. */
    public static String connectionName(Object connection) {
        return connection instanceof AmqpConnection c ? c.managementName() : null;
    }

    /** Closes every open connection to {@code vhost} (the vhost is being deleted). */
    public void closeConnectionsTo(String vhost, String reason) {
        closeConnections(c -> c.vhost() != null && c.vhost().name().equals(vhost), reason);
    }

    private int closeConnections(java.util.function.Predicate<AmqpConnection> which, String reason) {
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> found = new java.util.ArrayList<>();
        for (Channel ch : connections) {
            AmqpConnection connection = (AmqpConnection) ch.pipeline().get(CONNECTION);
            if (connection == null) {
                continue;
            }
            java.util.concurrent.CompletableFuture<Boolean> closed = new java.util.concurrent.CompletableFuture<>();
            ch.eventLoop().execute(() -> {
                boolean matches = connection.isOpen() && which.test(connection);
                if (matches) {
                    connection.closeByOperator(reason);
                }
                closed.complete(matches);
            });
            found.add(closed);
        }
        int count = 0;
        for (java.util.concurrent.CompletableFuture<Boolean> f : found) {
            try {
                if (f.get(5, TimeUnit.SECONDS)) {
                    count++;
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return count;
    }

    /** The AMQP listener's bound port. */
    public int boundPort() {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Hands every connection's octet counters to {@code action} (the rate sampler; any thread). */
    public void forEachConnectionTraffic(java.util.function.Consumer<org.ferrymq.broker.management.TrafficCounters> action) {
        for (Channel ch : connections) {
            AmqpConnection connection = (AmqpConnection) ch.pipeline().get(CONNECTION);
            if (connection != null) {
                action.accept(connection.traffic());
            }
        }
    }

    /** Hands every connection's counters to {@code action} (the rate sampler; any thread). */
    public void forEachConnectionCounters(java.util.function.Consumer<org.ferrymq.broker.management.MessageCounters> action) {
        for (Channel ch : connections) {
            AmqpConnection connection = (AmqpConnection) ch.pipeline().get(CONNECTION);
            if (connection != null) {
                action.accept(connection.counters());
            }
        }
    }

    /** Number of open client connections. */
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (tlsListener != null) {
            tlsListener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (localListener != null) {
            localListener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        forEachConnection(AmqpConnection::closeForShutdown);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
