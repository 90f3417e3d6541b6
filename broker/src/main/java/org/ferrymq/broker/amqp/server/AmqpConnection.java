package org.ferrymq.broker.amqp.server;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;

import org.ferrymq.broker.amqp.codec.AmqpBadFrame;
import org.ferrymq.broker.amqp.codec.AmqpChannelOpen;
import org.ferrymq.broker.amqp.codec.AmqpChannelOpenOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionBlocked;
import org.ferrymq.broker.amqp.codec.AmqpConnectionUnblocked;
import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpConnectionClose;
import org.ferrymq.broker.amqp.codec.AmqpConnectionCloseOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionOpen;
import org.ferrymq.broker.amqp.codec.AmqpConnectionOpenOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionStart;
import org.ferrymq.broker.amqp.codec.AmqpConnectionStartOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionTune;
import org.ferrymq.broker.amqp.codec.AmqpConnectionTuneOk;
import org.ferrymq.broker.amqp.codec.AmqpFrame;
import org.ferrymq.broker.amqp.codec.AmqpFrameDecoder;
import org.ferrymq.broker.amqp.codec.AmqpErrorText;
import org.ferrymq.broker.amqp.codec.AmqpFrameWriter;
import org.ferrymq.broker.amqp.codec.BodyMemory;
import org.ferrymq.broker.amqp.codec.AmqpHeartbeatFrame;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.amqp.codec.AmqpMethodFrame;
import org.ferrymq.broker.amqp.codec.AmqpProtocolHeader;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.management.ChannelView;
import org.ferrymq.broker.management.ConnectionSnapshot;
import org.ferrymq.broker.management.ConnectionView;
import org.ferrymq.broker.management.ConsumerView;
import org.ferrymq.broker.management.MessageCounters;
import org.ferrymq.broker.management.TlsSessionView;
import org.ferrymq.broker.errors.ReplyCode;
import org.ferrymq.broker.model.MessageQueue;
import org.ferrymq.broker.model.VirtualHost;
import org.ferrymq.broker.security.AuthenticatedUser;
import org.ferrymq.broker.security.AuthenticationResult;
import org.ferrymq.broker.security.LoginCredentials;
import org.ferrymq.broker.security.LoginMechanism;
import org.ferrymq.broker.security.VhostPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the handshake (spec section 2.2.4: start, tune, open), the channels,
 * heartbeats and the close. Connection errors end here as {@code connection.close}.
 *
 * <p>Threading: owned by its socket's Netty event loop. Queue executors reach it only through
 * {@link #outbox()}.
 */
final class AmqpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    private static final int CLOSE_OK_TIMEOUT_SECONDS = 2;

    private enum State { AWAITING_HEADER, AWAITING_START_OK, AWAITING_TUNE_OK, AWAITING_OPEN, OPEN, CLOSING, CLOSED }

    private final ConnectionServices services;
    private final IntObjectHashMap<AmqpChannel> channels = new IntObjectHashMap<>();
    private ChannelHandlerContext ctx;
    private ConnectionOutput output;
    private DeliveryOutbox outbox;
    private State state = State.AWAITING_HEADER;
    private ScheduledFuture<?> handshakeTimeout;
    private String remote = "?";
    /** Read once the TLS handshake has completed ({@link #tlsSession()}). */
    private TlsSessionView tlsSession;

    private int channelMax;
    private int frameMax;
    private AuthenticatedUser user;
    private VirtualHost vhost;
    private VhostPermissions permissions;
    private boolean consumerCancelNotify;
    private boolean blockedNotify;
    /** True if the client holds its publishes while the broker's channel.flow is off. */
    private boolean holdsOnChannelFlow;
    private boolean blocked;
    /** How many of this connection's channels wait for queues to catch up (credit flow). */
    private int flowWaits;
    /** True while the socket is not read because of flow control or an alarm. */
    private boolean readingStopped;
    /** Holds a place in the budget of connections in the handshake (until open-ok or close). */
    private boolean inHandshakeBudget;
    /** Holds a place among the connection_max open connections. */
    private boolean countedOpen;
    // for management views (event loop)
    private final long connectedAt = System.currentTimeMillis();
    private final MessageCounters counters = MessageCounters.perObject();
    /** Octets through the socket, written by the network handler on this event loop. */
    private final org.ferrymq.broker.management.TrafficCounters traffic =
            org.ferrymq.broker.management.TrafficCounters.forConnection();
    /** True while this connection's traffic counts in its vhost's (event loop). */
    private boolean trafficInVhost;
    private Map<String, Object> clientProperties = Map.of();
    /** The SASL mechanism the client logged in with (RabbitMQ's auth_mechanism); PLAIN until start-ok. */
    private String authMechanism = "PLAIN";
    private String localAddress = "";
    private int heartbeatSeconds;

    /** False with {@code management.rates_mode = none}: then the message path counts nothing at all. */
    private final boolean countsMessages;

    AmqpConnection(ConnectionServices services) {
        this.services = services;
        this.countsMessages = services.config().ratesMode() != org.ferrymq.broker.config.RatesMode.NONE;
    }

    // ---- what management sees ----------------------------------------------------------

    /** Message counts of this connection (publish, deliver, ack, confirm, ...). Any thread. */
    MessageCounters counters() {
        return counters;
    }

    /** Octets this connection's socket read and wrote (0 for an in-process connection). Any thread. */
    org.ferrymq.broker.management.TrafficCounters traffic() {
        return traffic;
    }

    /**
     * The counts of the vhost this connection is logged in to (the broker's overall counts are
     * their sum). Only after {@code connection.open}, when messages can flow. Any thread.
     */
    MessageCounters vhostCounters() {
        return vhost.counters();
    }

    /** Whether the message path counts for the management rates (not with {@code rates_mode = none}). */
    boolean countsMessages() {
        return countsMessages;
    }

    /** True once the handshake is done and until the connection closes (event loop). */
    boolean isOpen() {
        return state == State.OPEN;
    }

    /** RabbitMQ's connection name: {@code "peer:port -> local:port"} (event loop). */
    String managementName() {
        return remote + " -> " + localAddress;
    }

    /** How many channels this connection has open and how many consumers they hold. On the event loop. */
    int[] channelAndConsumerCounts() {
        int consumers = 0;
        for (AmqpChannel channel : channels.values()) {
            consumers += channel.deliveries.consumerCount();
        }
        return new int[] {channels.size(), consumers};
    }

    /** The connection with its channels and consumers, for the management API (event loop). */
    ConnectionSnapshot snapshot() {
        String name = managementName();
        String vhostName = vhost == null ? "" : vhost.name();
        String userName = user == null ? "" : user.name();
        java.util.List<ChannelView> channelViews = new java.util.ArrayList<>();
        java.util.List<ConsumerView> consumerViews = new java.util.ArrayList<>();
        for (AmqpChannel channel : channels.values()) {
            channelViews.add(channel.view(name, vhostName, userName));
            consumerViews.addAll(channel.deliveries.consumerViews(name + " (" + channel.number() + ")", name, vhostName));
        }
        channelViews.sort(java.util.Comparator.comparingInt(ChannelView::number));
        String peerHost = remote;
        int peerPort = 0;
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
            peerHost = a.getHostString();
            peerPort = a.getPort();
        }
        String host = "";
        int port = 0;
        if (ctx.channel().localAddress() instanceof InetSocketAddress a) {
            host = a.getHostString();
            port = a.getPort();
        }
        String shownState = state != State.OPEN ? state.name().toLowerCase(java.util.Locale.ROOT)
                : blocked ? "blocked" : "running";
        ConnectionView view = new ConnectionView(name, vhostName, userName, authMechanism, peerHost, peerPort, host, port, tlsSession(),
                "AMQP 0-9-1", shownState, connectedAt, channels.size(), channelMax, frameMax, heartbeatSeconds,
                clientProperties, counters, traffic);
        return new ConnectionSnapshot(view, channelViews, consumerViews);
    }

    /**
     * The TLS session of an AMQPS connection, read from the TLS handler once its handshake has
     * completed (then kept: it does not change); {@code null} for plain TCP and {@code vm://}.
     */
    private TlsSessionView tlsSession() {
        if (tlsSession == null && ctx.pipeline().get(AmqpServer.TLS) instanceof SslHandler ssl) {
            if (!ssl.handshakeFuture().isSuccess()) {
                return TlsSessionView.HANDSHAKING;
            }
            tlsSession = TlsSessionView.of(ssl.engine().getSession());
        }
        return tlsSession;
    }

    /** An operator closes the connection: CONNECTION_FORCED with their reason, as RabbitMQ's API does (event loop). */
    void closeByOperator(String reason) {
        if (state == State.OPEN) {
            closeWithError(new AmqpException(ReplyCode.CONNECTION_FORCED, reason));
        } else {
            closeAbruptly();
        }
    }

    // ---- what channels use -------------------------------------------------------------

    ConnectionOutput output() {
        return output;
    }

    DeliveryOutbox outbox() {
        return outbox;
    }

    EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    VirtualHost vhost() {
        return vhost;
    }

    VhostPermissions permissions() {
        return permissions;
    }

    long maxMessageSize() {
        return services.config().maxMessageSize();
    }

    /** Where this connection's channels account the bodies they are receiving (the memory alarm). */
    BodyMemory bodyMemory() {
        return services.alarm().usage();
    }

    String userName() {
        return user.name();
    }

    DirectReplyTo directReplyTo() {
        return services.directReplyTo();
    }

    long nextMessageId() {
        return services.vhosts().nextMessageId();
    }

    boolean consumerCancelNotify() {
        return consumerCancelNotify;
    }

    /** Whether queues may hand this connection more deliveries now (the socket keeps up). */
    boolean deliveriesWelcome() {
        return ctx.channel().isWritable() && !outbox.crowded();
    }

    String describe() {
        return remote + (user == null ? "" : " (user '" + user.name() + "'" + (vhost == null ? "" : ", vhost '" + vhost.name() + "'") + ")");
    }

    // ---- Netty events ------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.output = isLocal() ? new LocalOutput(ctx) : new WireOutput(ctx, services.config().frameMax());
        this.outbox = new DeliveryOutbox(ctx.channel().eventLoop(), this::afterOutboxBatch);
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress address) {
            remote = address.getHostString() + ":" + address.getPort();
        } else if (isLocal()) {
            remote = "in-process";
        }
        localAddress = ctx.channel().localAddress() instanceof InetSocketAddress local
                ? local.getHostString() + ":" + local.getPort() : String.valueOf(ctx.channel().localAddress());
        services.connections().add(ctx.channel());
        long timeoutMillis = services.config().handshake().timeoutMillis();
        if (!isLocal()) { // in-process clients are the embedding application's own code
            timeoutMillis = services.budget().enterHandshake();
            if (timeoutMillis < 0) {
                LOG.warn("Refusing connection {}: {} connections are in the handshake already (unauthenticated_connection_max)",
                        describe(), services.budget().unauthenticatedMax());
                state = State.CLOSED;
                ctx.close();
                return;
            }
            inHandshakeBudget = true;
        }
        long timeout = timeoutMillis;
        handshakeTimeout = ctx.executor().schedule(() -> {
            LOG.warn("Closing connection {}: handshake not completed within {} ms", describe(), timeout);
            closeAbruptly();
        }, timeout, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (state == State.CLOSED) {
                return;
            }
            if (msg instanceof AmqpProtocolHeader header) {
                onProtocolHeader(header);
            } else if (msg instanceof AmqpBadFrame bad) {
                closeWithError(new AmqpException(bad.code(), bad.text(), bad.classId(), bad.methodId()));
            } else if (msg instanceof AmqpHeartbeatFrame) {
                // any traffic resets the read-idle timer; nothing else to do
            } else if (msg instanceof AmqpFrame frame) {
                onFrame(frame);
            } else if (msg instanceof AmqpCommand command) {
                onCommand(command);
            } else if (msg instanceof java.util.List<?> commands) {
                for (Object command : commands) {
                    if (state != State.CLOSED) {
                        onCommand((AmqpCommand) command);
                    }
                }
            }
        } catch (AmqpException e) {
            closeWithError(e);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        for (AmqpChannel channel : channels.values()) {
            channel.beforeFlush();
        }
        output.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            wakeStarvedConsumers();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            switch (idle.state()) {
                case WRITER_IDLE -> {
                    output.heartbeat();
                    output.flush();
                }
                case READER_IDLE -> {
                    LOG.warn("Closing connection {}: missed heartbeats from client", describe());
                    closeAbruptly();
                }
                default -> { }
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (trafficInVhost) {
            trafficInVhost = false;
            vhost.traffic().detach(traffic); // nothing more is read: the vhost keeps the final counts
        }
        if (state != State.CLOSED) {
            if (state == State.OPEN) {
                LOG.info("Client {} closed the connection without connection.close", describe());
            }
            shutdown();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing connection {} after an I/O error: {}", describe(), cause.toString());
        closeAbruptly();
    }

    // ---- handshake -----------------------------------------------------------------------

    private void onProtocolHeader(AmqpProtocolHeader header) {
        if (!header.supported()) {
            LOG.warn("Rejecting connection {}: unsupported protocol header", describe());
            output.raw(AmqpFrameWriter.PROTOCOL_HEADER);
            output.flush();
            state = State.CLOSED;
            ctx.close();
            return;
        }
        output.method(0, new AmqpConnectionStart(0, 9, ServerProperties.table(), LoginMechanism.OFFERED, "en_US"));
        state = State.AWAITING_START_OK;
    }

    /**
     * Routes a frame by channel. Body frames are not released here: {@link #channelRead} releases
     * every message it is given, whichever way it went.
     */
    private void onFrame(AmqpFrame frame) {
        if (state == State.CLOSING) {
            onFrameWhileClosing(frame);
            return;
        }
        if (frame.channel() == 0 && frame instanceof AmqpMethodFrame methodFrame) {
            onConnectionMethod(methodFrame.method());
            return;
        }
        if (frame.channel() == 0 || state != State.OPEN) {
            // content on channel 0, or any channel before connection.open: RabbitMQ 3.10's words
            throw new AmqpException(ReplyCode.UNEXPECTED_FRAME, AmqpErrorText.unexpectedFrame(frame));
        }
        AmqpChannel channel = channels.get(frame.channel());
        if (channel == null) {
            if (!(frame instanceof AmqpMethodFrame m)) {
                throw new AmqpException(ReplyCode.UNEXPECTED_FRAME, "expected method frame, got non method frame instead");
            }
            if (m.method() instanceof AmqpChannelOpen) {
                openChannel(frame.channel());
                return;
            }
            throw new AmqpException(ReplyCode.CHANNEL_ERROR, "expected 'channel.open'",
                    m.method().classId(), m.method().methodId());
        }
        if (!(frame instanceof AmqpMethodFrame) && services.alarm().raised()) {
            publishing(0); // a message still arriving while an alarm is raised: stop reading its sender
        }
        channel.frame(frame);
    }

    /** An assembled command from an in-process client (no frames, no bytes). */
    private void onCommand(AmqpCommand command) {
        if (command.channel() == 0 || state != State.OPEN) {
            onFrame(new AmqpMethodFrame(command.channel(), command.method()));
            return;
        }
        AmqpChannel channel = channels.get(command.channel());
        if (channel == null) {
            onFrame(new AmqpMethodFrame(command.channel(), command.method()));
            return;
        }
        channel.command(command);
    }

    private boolean isLocal() {
        return ctx.channel() instanceof io.netty.channel.local.LocalChannel;
    }

    private void onConnectionMethod(AmqpMethod method) {
        switch (state) {
            case AWAITING_START_OK -> {
                AmqpConnectionStartOk startOk = expect(method, AmqpConnectionStartOk.class);
                onStartOk(startOk);
            }
            case AWAITING_TUNE_OK -> onTuneOk(expect(method, AmqpConnectionTuneOk.class));
            case AWAITING_OPEN -> onOpen(expect(method, AmqpConnectionOpen.class));
            case OPEN -> {
                if (method instanceof AmqpConnectionClose close) {
                    LOG.debug("Client {} closing: {} {}", describe(), close.replyCode(), close.replyText());
                    releaseChannels();
                    // exclusive queues go before close-ok: once the client sees it, they are gone
                    vhost.connectionClosed(this);
                    output.method(0, new AmqpConnectionCloseOk());
                    output.flush();
                    closeAbruptly();
                } else if (method instanceof AmqpConnectionCloseOk) {
                    throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected connection.close-ok", method.classId(), method.methodId());
                } else {
                    // connection.blocked/unblocked/update-secret from a client, or another class's method on channel 0
                    throw method.classId() == 10
                            ? new AmqpException(ReplyCode.NOT_IMPLEMENTED, "unexpected method on channel 0: "
                                    + method.amqpName(), method.classId(), method.methodId())
                            : new AmqpException(ReplyCode.CHANNEL_ERROR, "unexpected method in connection state running",
                                    method.classId(), method.methodId());
                }
            }
            default -> throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected " + method.amqpName(),
                    method.classId(), method.methodId());
        }
    }

    private static <T extends AmqpMethod> T expect(AmqpMethod method, Class<T> type) {
        if (!type.isInstance(method)) {
            throw new AmqpException(ReplyCode.COMMAND_INVALID, "expected " + type.getSimpleName() + ", got " + method.amqpName(),
                    method.classId(), method.methodId());
        }
        return type.cast(method);
    }

    private void onStartOk(AmqpConnectionStartOk startOk) {
        clientProperties = startOk.clientProperties() == null ? Map.of() : startOk.clientProperties();
        consumerCancelNotify = capability(startOk.clientProperties(), "consumer_cancel_notify");
        blockedNotify = capability(startOk.clientProperties(), "connection.blocked");
        holdsOnChannelFlow = ClientHoldsOnChannelFlow.of(clientProperties);
        LoginCredentials credentials;
        boolean failureClose = capability(startOk.clientProperties(), "authentication_failure_close");
        try {
            LoginMechanism mechanism = LoginMechanism.named(startOk.mechanism());
            credentials = mechanism.decode(startOk.response());
            authMechanism = mechanism.name();
        } catch (AmqpException malformed) {
            // RabbitMQ closes the socket without a connection.close here
            LOG.warn("Refusing connection {}: {}", describe(), malformed.getMessage());
            closeAbruptly();
            return;
        }
        java.net.InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        AuthenticationResult result = services.users().authenticate(credentials.username(), credentials.password(), address);
        if (result instanceof AuthenticationResult.Failure failure) {
            LOG.warn("{} login refused for connection {}: {}", startOk.mechanism(), describe(), failure.logText());
            if (!failureClose) {
                // RabbitMQ tells only clients that announce authentication_failure_close; others see the socket close
                closeAbruptly();
                return;
            }
            state = State.AWAITING_OPEN; // so that closeWithError sends the connection.close
            closeWithError(new AmqpException(ReplyCode.ACCESS_REFUSED, "Login was refused using authentication mechanism "
                    + startOk.mechanism() + ". For details see the broker logfile."));
            return;
        }
        user = ((AuthenticationResult.Success) result).user();
        int maxFrame = services.config().frameMax();
        output.method(0, new AmqpConnectionTune(services.config().channelMax(), maxFrame, services.config().heartbeatSeconds()));
        state = State.AWAITING_TUNE_OK;
    }

    private void onTuneOk(AmqpConnectionTuneOk tuneOk) {
        NegotiatedTune tune = NegotiatedTune.of(services.config(), tuneOk, !isLocal());
        channelMax = tune.channelMax();
        frameMax = tune.frameMax();
        output.frameMax(frameMax);
        if (ctx.pipeline().get(AmqpServer.DECODER) instanceof AmqpFrameDecoder decoder) {
            decoder.maxFrameSize(frameMax);
        }
        int heartbeat = tune.heartbeat();
        heartbeatSeconds = heartbeat;
        if (heartbeat > 0) {
            // as RabbitMQ: a heartbeat after half an interval of silence on our side (clients that drop a
            // connection after one silent interval keep it), the peer dropped after two silent intervals
            ctx.pipeline().addBefore(AmqpServer.CONNECTION, "amqp-heartbeat",
                    new IdleStateHandler(heartbeat * 2000L, heartbeat * 500L, 0, TimeUnit.MILLISECONDS));
        }
        state = State.AWAITING_OPEN;
    }

    private void onOpen(AmqpConnectionOpen open) {
        String vhostName = open.virtualHost();
        VhostPermissions granted;
        try {
            granted = services.users().openVhost(user.name(), vhostName);
        } catch (AmqpException refused) {
            LOG.warn("Refusing connection {}: {}", describe(), refused.getMessage());
            throw refused.withMethod(open.classId(), open.methodId());
        }
        VirtualHost host = services.vhosts().find(vhostName).orElseThrow(() ->
                notAllowed("vhost " + vhostName + " not found", open));
        int limit = services.budget().maxOpen();
        if (!services.budget().tryOpen()) {
            LOG.warn("Refusing connection {}: connection limit ({}) is reached", describe(), limit);
            throw notAllowed("access to vhost '" + vhostName + "' refused for user '" + user.name()
                    + "': connection limit (" + limit + ") is reached", open);
        }
        countedOpen = true;
        leaveHandshakeBudget();
        vhost = host;
        host.traffic().attach(traffic);
        trafficInVhost = true;
        permissions = granted;
        handshakeTimeout.cancel(false);
        output.method(0, new AmqpConnectionOpenOk(""));
        state = State.OPEN;
        LOG.info("Accepted connection {}", describe());
    }

    private void leaveHandshakeBudget() {
        if (inHandshakeBudget) {
            inHandshakeBudget = false;
            services.budget().leaveHandshake();
        }
    }

    private AmqpException notAllowed(String text, AmqpMethod method) {
        return new AmqpException(ReplyCode.NOT_ALLOWED, text, method.classId(), method.methodId());
    }

    private static boolean capability(Map<String, Object> clientProperties, String name) {
        return clientProperties.get("capabilities") instanceof Map<?, ?> caps && Boolean.TRUE.equals(caps.get(name));
    }

    // ---- channels --------------------------------------------------------------------------

    private void openChannel(int number) {
        if (channels.size() >= channelMax) {
            // RabbitMQ counts open channels, and reports this without the method's ids
            throw new AmqpException(ReplyCode.NOT_ALLOWED, "number of channels opened (" + channels.size()
                    + ") has reached the negotiated channel_max (" + channelMax + ")");
        }
        channels.put(number, new AmqpChannel(number, this));
        output.method(number, new AmqpChannelOpenOk(""));
    }

    /** Called by a channel once it is closed both ways. */
    void channelClosed(AmqpChannel channel) {
        channels.remove(channel.number());
    }

    private void releaseChannels() {
        for (AmqpChannel channel : channels.values()) {
            channel.release();
        }
        channels.clear();
    }

    private void afterOutboxBatch() {
        for (AmqpChannel channel : channels.values()) {
            channel.beforeFlush();
        }
        output.flush();
        flowCheck(); // deliveries just sent may need acks: then the socket must be read
        if (!outbox.crowded()) {
            wakeStarvedConsumers();
        }
    }

    private void wakeStarvedConsumers() {
        for (AmqpChannel channel : channels.values()) {
            channel.wakeStarvedConsumers();
        }
    }

    // ---- resource alarms -------------------------------------------------------------------

    /**
     * Called on every publish: while a memory or disk alarm is raised, the publishing connection
     * is told (connection.blocked) and no longer read from, as RabbitMQ does; deliveries to its
     * consumers go on.
     */
    void publishing(long bodyBytes) {
        if (bodyBytes > 0) {
            services.alarm().usage().published(bodyBytes);
        }
        String reason = services.alarm().reason();
        if (reason == null || blocked) {
            return;
        }
        blocked = true;
        LOG.info("Blocking publishing connection {}: {}", describe(), reason);
        if (blockedNotify) {
            output.method(0, new AmqpConnectionBlocked(reason));
        }
        updateReading();
    }

    /** The alarm cleared: read from the connection again. */
    void unblock() {
        if (!blocked || state == State.CLOSED) {
            return;
        }
        blocked = false;
        LOG.info("Unblocking connection {}", describe());
        if (blockedNotify) {
            output.method(0, new AmqpConnectionUnblocked());
            output.flush();
        }
        updateReading();
    }

    /** True if channel.flow(active=false) stops this client's publishes (see {@link ClientHoldsOnChannelFlow}). */
    boolean holdsOnChannelFlow() {
        return holdsOnChannelFlow;
    }

    /** A channel waits for queues it feeds to catch up (see {@link ChannelFlow}). */
    void flowWaitStarted() {
        flowWaits++;
        updateReading();
    }

    /** A channel may publish again. */
    void flowWaitEnded() {
        flowWaits--;
        updateReading();
    }

    /** True while the socket is not read because a channel waits for a queue. */
    boolean readingStoppedForFlow() {
        return readingStopped && !blocked;
    }

    /**
     * While a channel waits: a channel that owes acks stops waiting (its acks must not queue
     * behind its own publishes), and the socket is read again if any acks are owed (event loop).
     */
    void flowCheck() {
        if (flowWaits == 0) {
            return;
        }
        for (AmqpChannel channel : channels.values()) {
            if (channel.publisher.flow.waiting() && channel.deliveries.unackedCount() > 0) {
                channel.publisher.flow.release();
            }
        }
        updateReading();
    }

    /**
     * Reads the socket unless an alarm blocks publishers, or a channel waits for a queue and no
     * channel owes acks. The memory alarm stops reading whatever is owed, as RabbitMQ does; credit
     * flow never does, because a queue catches up only when its consumers' acks arrive. Nor does
     * it for a client held by channel.flow: what it sent before the hold arrived is a few
     * publishes, parked on their channel (up to {@link ChannelFlow#PARKED_BEFORE_READING_STOPS},
     * then reading stops after all), while a socket left unread fills its receive
     * queue with small segments until the kernel drops some, and each drop stalls the connection
     * for a retransmission timeout (200 ms).
     */
    void updateReading() {
        if (state == State.CLOSED || ctx == null) {
            return;
        }
        boolean stop = blocked || (flowWaits > 0 && !acksOwed() && (!holdsOnChannelFlow || heldClientStillSends()));
        if (stop != readingStopped) {
            readingStopped = stop;
            ctx.channel().config().setAutoRead(!stop);
        }
    }

    /** True if a channel held by channel.flow has parked more than a held client should still send. */
    private boolean heldClientStillSends() {
        for (AmqpChannel channel : channels.values()) {
            if (channel.parkedCommands() >= ChannelFlow.PARKED_BEFORE_READING_STOPS) {
                return true;
            }
        }
        return false;
    }

    /** True if the client owes acks on some channel: deliveries sent and neither acked nor rejected yet. */
    private boolean acksOwed() {
        for (AmqpChannel channel : channels.values()) {
            if (channel.deliveries.unackedCount() > 0) {
                return true;
            }
        }
        return false;
    }

    // ---- closing ---------------------------------------------------------------------------

    /** A connection error: tell the client, release everything, and wait briefly for close-ok. */
    void closeWithError(AmqpException error) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        if (state == State.AWAITING_HEADER || state == State.AWAITING_START_OK || state == State.AWAITING_TUNE_OK) {
            // RabbitMQ 3.10 does not trust a client before tune-ok: it closes the socket without a connection.close
            LOG.warn("Closing connection {} during the handshake: {}", describe(), error.replyText());
            closeAbruptly();
            return;
        }
        LOG.warn("Closing connection {}: {} (class {}, method {})", describe(), error.replyText(),
                error.classId(), error.methodId());
        releaseChannels();
        output.method(0, new AmqpConnectionClose(error.replyCode().code(), error.replyText(), error.classId(), error.methodId()));
        output.flush();
        state = State.CLOSING;
        ctx.executor().schedule(this::closeAbruptly, CLOSE_OK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The broker is stopping: CONNECTION_FORCED, as RabbitMQ does on shutdown. */
    void closeForShutdown() {
        if (state == State.OPEN) {
            closeWithError(new AmqpException(ReplyCode.CONNECTION_FORCED, "broker shutdown"));
        } else {
            closeAbruptly();
        }
    }

    private void onFrameWhileClosing(AmqpFrame frame) {
        if (frame instanceof AmqpMethodFrame m && frame.channel() == 0) {
            if (m.method() instanceof AmqpConnectionCloseOk) {
                closeAbruptly();
            } else if (m.method() instanceof AmqpConnectionClose) {
                output.method(0, new AmqpConnectionCloseOk());
                output.flush();
                closeAbruptly();
            }
        }
        // everything else is discarded after connection.close (spec 2.2.4)
    }

    private void closeAbruptly() {
        if (state == State.CLOSED) {
            return;
        }
        output.flush();
        state = State.CLOSED;
        // close once what was flushed (a close or close-ok) has left
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        shutdown();
    }

    private void shutdown() {
        state = State.CLOSED;
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        leaveHandshakeBudget();
        if (countedOpen) {
            countedOpen = false;
            services.budget().closed();
        }
        releaseChannels();
        output.discard();
        if (vhost != null) {
            vhost.connectionClosed(this);
        }
    }
}
