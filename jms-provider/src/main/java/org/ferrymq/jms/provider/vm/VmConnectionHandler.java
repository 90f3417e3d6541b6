package org.ferrymq.jms.provider.vm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpConnectionBlocked;
import org.ferrymq.broker.amqp.codec.AmqpConnectionClose;
import org.ferrymq.broker.amqp.codec.AmqpConnectionCloseOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionOpen;
import org.ferrymq.broker.amqp.codec.AmqpConnectionOpenOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionStart;
import org.ferrymq.broker.amqp.codec.AmqpConnectionStartOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionTune;
import org.ferrymq.broker.amqp.codec.AmqpConnectionTuneOk;
import org.ferrymq.broker.amqp.codec.AmqpConnectionUnblocked;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.amqp.codec.AmqpProtocolHeader;
import org.ferrymq.jms.provider.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of an in-process connection's pipeline: runs the AMQP handshake
 * (start → start-ok PLAIN → tune → tune-ok → open → open-ok), then hands channel commands to
 * their {@link VmProviderChannel} and connection.close / loss of the LocalChannel to the
 * {@link VmProvider}. The broker answers each flush with a {@code List<AmqpCommand>}.
 *
 * <p>Threading: owned by the LocalChannel's event loop; the handshake's outcome is published
 * through {@link #opened()}, completed on that loop.
 */
final class VmConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(VmConnectionHandler.class);
    static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    /** What we ask for when the broker does not limit channels (tune channel-max 0). */
    private static final int DEFAULT_CHANNEL_MAX = 2047;

    private enum State { AWAITING_START, AWAITING_TUNE, AWAITING_OPEN_OK, OPEN, CLOSED }

    private final VmProvider connection;
    private final VmAddress address;
    private final String connectionName;
    private final CompletableFuture<Map<String, Object>> opened = new CompletableFuture<>();
    private State state = State.AWAITING_START;
    private Map<String, Object> serverProperties = Map.of();
    private ChannelHandlerContext ctx;

    VmConnectionHandler(VmProvider connection, VmAddress address, String connectionName) {
        this.connection = connection;
        this.address = address;
        this.connectionName = connectionName;
    }

    /** Completes with the broker's server-properties once connection.open-ok arrived. */
    CompletableFuture<Map<String, Object>> opened() {
        return opened;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.writeAndFlush(new AmqpProtocolHeader(true, AMQP_0_9_1));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof List<?> commands) {
            for (Object command : commands) {
                onCommand((AmqpCommand) command);
            }
        } else if (msg instanceof AmqpCommand command) {
            onCommand(command);
        } else {
            LOG.warn("{}: ignoring unexpected {}", address.describe(), msg.getClass().getName());
        }
    }

    private void onCommand(AmqpCommand command) {
        if (state == State.CLOSED) {
            return;
        }
        if (command.channel() != 0) {
            connection.onChannelCommand(command);
            return;
        }
        AmqpMethod method = command.method();
        if (method instanceof AmqpConnectionClose close) {
            ctx.writeAndFlush(AmqpCommand.of(0, new AmqpConnectionCloseOk()));
            boolean handshake = state != State.OPEN;
            state = State.CLOSED;
            ProviderException failure = VmFailures.connectionClosed(close, handshake);
            opened.completeExceptionally(failure);
            connection.closedByBroker(failure);
            ctx.close();
            return;
        }
        switch (state) {
            case AWAITING_START -> {
                if (expect(method, AmqpConnectionStart.class)) {
                    onStart((AmqpConnectionStart) method);
                }
            }
            case AWAITING_TUNE -> {
                if (expect(method, AmqpConnectionTune.class)) {
                    onTune((AmqpConnectionTune) method);
                }
            }
            case AWAITING_OPEN_OK -> {
                if (expect(method, AmqpConnectionOpenOk.class)) {
                    state = State.OPEN;
                    opened.complete(serverProperties);
                }
            }
            case OPEN -> onConnectionMethod(method);
            default -> { }
        }
    }

    /** False (and the connection given up) if the handshake went off script. */
    private boolean expect(AmqpMethod method, Class<? extends AmqpMethod> type) {
        if (type.isInstance(method)) {
            return true;
        }
        state = State.CLOSED;
        opened.completeExceptionally(new ProviderException("handshake: expected " + type.getSimpleName()
                + ", got " + method.amqpName(), null));
        ctx.close();
        return false;
    }

    private void onStart(AmqpConnectionStart start) {
        serverProperties = start.serverProperties();
        byte[] response = ("\0" + address.user() + "\0" + address.password()).getBytes(StandardCharsets.UTF_8);
        ctx.writeAndFlush(AmqpCommand.of(0, new AmqpConnectionStartOk(clientProperties(), "PLAIN", response, "en_US")));
        state = State.AWAITING_TUNE;
    }

    private void onTune(AmqpConnectionTune tune) {
        int channelMax = tune.channelMax() == 0 ? DEFAULT_CHANNEL_MAX : Math.min(tune.channelMax(), DEFAULT_CHANNEL_MAX);
        connection.channelMax(channelMax);
        // frame-max as offered (commands are not split into frames here); no heartbeats in-process
        ctx.write(AmqpCommand.of(0, new AmqpConnectionTuneOk(channelMax, tune.frameMax(), 0)));
        ctx.writeAndFlush(AmqpCommand.of(0, new AmqpConnectionOpen(address.vhost())));
        state = State.AWAITING_OPEN_OK;
    }

    private void onConnectionMethod(AmqpMethod method) {
        if (method instanceof AmqpConnectionCloseOk) {
            state = State.CLOSED;
            connection.closeConfirmed();
            ctx.close();
        } else if (method instanceof AmqpConnectionBlocked blocked) {
            LOG.warn("{}: the broker blocked publishing: {}", address.describe(), blocked.reason());
        } else if (method instanceof AmqpConnectionUnblocked) {
            LOG.info("{}: the broker unblocked publishing", address.describe());
        } else {
            LOG.warn("{}: ignoring unexpected {} on channel 0", address.describe(), method.amqpName());
        }
    }

    private Map<String, Object> clientProperties() {
        return Map.of(
                "product", "FerryMQ JMS (vm://)",
                "connection_name", connectionName,
                "capabilities", Map.of(
                        "publisher_confirms", true,
                        "basic.nack", true,
                        "consumer_cancel_notify", true,
                        "connection.blocked", true,
                        "authentication_failure_close", true,
                        "exchange_exchange_bindings", true,
                        "ferrymq.channel_flow", true));   // PublishGate holds publishes while flow is off
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        state = State.CLOSED;
        ProviderException lost = new ProviderException(ProviderException.NO_REPLY_CODE,
                "the in-process connection to the broker was lost", true, null);
        if (was != State.OPEN && was != State.CLOSED) {
            opened.completeExceptionally(lost);
        }
        connection.lost(lost);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.nio.channels.ClosedChannelException) {
            LOG.debug("{}: a write after the connection closed was dropped", address.describe());
        } else {
            LOG.warn("{}: closing after an error: {}", address.describe(), cause.toString(), cause);
        }
        ctx.close();
    }
}
