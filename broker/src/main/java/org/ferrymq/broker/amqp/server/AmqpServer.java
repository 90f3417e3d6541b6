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
 * The AMQP 0-9-1 listener. Each accepted socket gets a pipeline of two handlers: the frame
 * decoder ({@value #DECODER}) and the connection ({@value #CONNECTION}), both owned by the
 * socket's event loop.
 */
public final class AmqpServer implements AutoCloseable {
    public static final String DECODER = "amqp-decoder";
    public static final String CONNECTION = "amqp-connection";
    private static final Logger LOG = LoggerFactory.getLogger(AmqpServer.class);

    private final BrokerConfig config;
    private final ConnectionServices services;
    private final EventLoopGroup bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("ferrymq-accept", true));
    private final EventLoopGroup workerGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("ferrymq-io", true));
    private final ChannelGroup connections = new DefaultChannelGroup("amqp-connections", GlobalEventExecutor.INSTANCE);
    private Channel listener;
    private Channel localListener;
    private final LocalAddress localAddress = new LocalAddress("ferrymq-" + java.util.UUID.randomUUID());

    public AmqpServer(BrokerConfig config, VirtualHostRegistry vhosts, UserDirectory users, ResourceAlarm alarm) {
        this.config = config;
        this.services = new ConnectionServices(config, vhosts, users, connections, alarm);
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

    /** Binds the listener; returns the bound address (the real port when 0 was configured). */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(DECODER, new AmqpFrameDecoder(Math.max(config.frameMax(), 4096)));
                        ch.pipeline().addLast(CONNECTION, new AmqpConnection(services));
                    }
                });
        listener = bootstrap.bind(config.host(), config.amqpPort()).sync().channel();
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
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        LOG.info("AMQP 0-9-1 listener on {}:{}", bound.getHostString(), bound.getPort());
        return bound;
    }

    /** Where in-process clients connect (a Netty {@code LocalAddress}). */
    public LocalAddress localAddress() {
        return localAddress;
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
        if (localListener != null) {
            localListener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        forEachConnection(AmqpConnection::closeForShutdown);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
